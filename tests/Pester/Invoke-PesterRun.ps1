<#
.SYNOPSIS
    Runs the Pester tests and writes their counts as JSON.

.DESCRIPTION
    build.ps1 -Task Test starts this script in a child pwsh with SSL_CERT_FILE pointing at the per-run test CA,
    because .NET reads that variable only when a process starts. Pester is imported by path from the NuGet
    packages folder (restored by tests/tools/tools.proj), so no machine-wide module is needed or used.

    Writes {"passed":n,"failed":n,"skipped":n} to ResultFile and NUnit XML beside it (pester.xml). Failed counts
    failed tests, failed blocks (a broken BeforeAll) and failed containers (a file that does not parse).
    Exits 1 when anything failed.

.PARAMETER ResultFile
    Where to write the JSON counts.

.PARAMETER Path
    The test files to run; every *.Tests.ps1 beside this script when omitted. A single comma-separated string
    is accepted too, as pwsh -File passes it.

.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterRun.ps1 -ResultFile out/test-results/pester.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ResultFile,

    [string[]] $Path
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Get-PesterModulePath {
    <# Finds Pester.psd1 in the NuGet packages folder, at the version tests/tools/tools.proj pins. #>
    $toolsProject = Join-Path $PSScriptRoot '../tools/tools.proj'
    [xml] $project = Get-Content -LiteralPath $toolsProject -Raw
    $download = $project.SelectSingleNode("//PackageDownload[@Include='Pester']")
    if (-not $download) {
        throw "No PackageDownload for Pester in $toolsProject."
    }

    # PackageDownload needs an exact version, written as a range of one: [5.7.1].
    $version = $download.GetAttribute('Version').Trim('[', ']', ' ')

    $packagesRoot = $env:NUGET_PACKAGES
    if (-not $packagesRoot) {
        $listing = & dotnet nuget locals global-packages --list
        if ($LASTEXITCODE -ne 0) {
            throw "'dotnet nuget locals global-packages --list' failed with exit code $LASTEXITCODE."
        }

        $packagesRoot = ($listing | Select-String -Pattern '^global-packages:\s*(.+)$').Matches.Groups[1].Value.Trim()
    }

    $modulePath = Join-Path $packagesRoot "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $modulePath -PathType Leaf)) {
        throw "Pester $version not found at $modulePath. Run: dotnet restore tests/tools/tools.proj"
    }

    return $modulePath
}

$resultFolder = Split-Path -Parent ([IO.Path]::GetFullPath($ResultFile))
if (-not (Test-Path -LiteralPath $resultFolder)) {
    $null = New-Item -ItemType Directory -Path $resultFolder
}

if ($Path) {
    $testFiles = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
}
else {
    $testFiles = @(Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.Tests.ps1' -File | ForEach-Object FullName)
}

if ($testFiles.Count -eq 0) {
    # Without paths Pester would search the current folder; no test file is reported as no tests.
    Write-Host "No *.Tests.ps1 files in $PSScriptRoot."
    '{"passed":0,"failed":0,"skipped":0}' | Set-Content -LiteralPath $ResultFile -Encoding utf8NoBOM
    exit 0
}

Import-Module -Name (Get-PesterModulePath) -Force
$configuration = New-PesterConfiguration
$configuration.Run.Path = $testFiles
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.RenderMode = 'Plaintext'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $resultFolder 'pester.xml'

$result = Invoke-Pester -Configuration $configuration
$counts = [ordered]@{
    passed = $result.PassedCount
    failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    skipped = $result.SkippedCount
}
$counts | ConvertTo-Json -Compress | Set-Content -LiteralPath $ResultFile -Encoding utf8NoBOM

if ($counts.failed -gt 0) {
    exit 1
}

exit 0
