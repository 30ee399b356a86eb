<#
.SYNOPSIS
    Publishes the built module to a PSResourceGet repository that is a plain folder.

.DESCRIPTION
    Checks the manifest with Test-ModuleManifest, registers the folder as a trusted repository, and publishes the
    module with Publish-PSResource, which writes <Name>.<Version>.nupkg there. A package of the same version
    already in the folder is replaced, so publishing again after a rebuild works.

    PSResourceGet keeps its list of repositories under the user's home folder. Run this script in a pwsh whose
    HOME is a throwaway folder (build.ps1 -Task Package does), so the registration never reaches the user's real
    list; -Unregister removes it afterwards for runs where that is not possible.

.PARAMETER ModulePath
    The module folder to publish (out/AcrWebhookEvents).

.PARAMETER RepositoryPath
    The repository folder; created when missing.

.PARAMETER RepositoryName
    The name to register the folder under while publishing.

.PARAMETER Unregister
    Remove the repository registration once published.

.EXAMPLE
    ./tools/Publish-LocalRepository.ps1 -ModulePath out/AcrWebhookEvents -RepositoryPath out/repository
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(Mandatory)]
    [string] $RepositoryPath,

    [string] $RepositoryName = 'AcrWebhookEventsLocal',

    [switch] $Unregister
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$name = Split-Path -Leaf $module
$manifestPath = Join-Path $module "$name.psd1"
$manifest = Test-ModuleManifest -Path $manifestPath
Write-Host "Manifest OK: $($manifest.Name) $($manifest.Version), $(@($manifest.ExportedCmdlets.Keys).Count) cmdlets"

if (-not (Test-Path -LiteralPath $RepositoryPath)) {
    $null = New-Item -ItemType Directory -Path $RepositoryPath
}

$repository = (Resolve-Path -LiteralPath $RepositoryPath).ProviderPath

# Publish-PSResource refuses a version the repository already has; a rebuild of the same version replaces it.
$package = Join-Path $repository "$name.$($manifest.Version).nupkg"
Remove-Item -LiteralPath $package -Force -ErrorAction Ignore

Register-PSResourceRepository -Name $RepositoryName -Uri $repository -Trusted -Force
try {
    Publish-PSResource -Path $module -Repository $RepositoryName
}
finally {
    if ($Unregister) {
        Unregister-PSResourceRepository -Name $RepositoryName
    }

}

if (-not (Test-Path -LiteralPath $package -PathType Leaf)) {
    throw "Publish-PSResource reported no error but wrote no $package."
}

Write-Host "Published $name $($manifest.Version) to $package"
