<#
.SYNOPSIS
    Builds, tests and cleans the AcrWebhookEvents module.

.DESCRIPTION
    One entry point for developers and CI. Run it from anywhere with the repo's local PowerShell tool:

        dotnet pwsh ./build.ps1 -Task <Task>

    Tasks run in the order given. Each one sets the telemetry and NuGet variables below for itself and for
    every process it starts.

    Build    Restores the local tools, builds AcrWebhookEvents.sln (warnings are errors), publishes the engine
             and the cmdlets to obj/publish/, generates the external help from docs/en-US/*.md (see
             docs/README.md; the build fails when a cmdlet or parameter lacks a description there), and
             assembles out/AcrWebhookEvents/ from an explicit list of shipped files: the manifest
             (ModuleVersion stamped from Directory.Build.props), the cmdlet and abstraction assemblies and the
             format file at the root, the help in en-US/, the engine and its third-party assemblies under
             dependencies/. A listed file missing from the publish output fails the build; a published
             assembly that is not listed only warns.

    Test     Runs Build, creates a fresh test CA in out/test-ca, publishes the test-only module
             tests/OtherAzureCore once per Azure.Core version in $OtherAzureCoreVersions (to
             out/test-modules/<version>/OtherAzureCore), runs the xunit engine tests, then the Pester tests in a
             child pwsh that trusts that CA through SSL_CERT_FILE. Results go to out/test-results/.
             The last line printed is always "N passed, N failed, N skipped" (xunit and Pester together);
             the exit code is 1 when anything failed or a runner crashed.

    Demo     Runs Build, then tests/Demo/Start-Demo.ps1 (when it exists) in a child pwsh that trusts a demo CA
             in out/demo-ca.

    Clean    Runs dotnet clean and removes out/, obj/publish/ and the bin/ and obj/ folders of every project.

    Bench    Runs Build, builds bench/AcrWebhookEvents.Bench (not part of the solution, so Build and Test stay as
             fast as they were) and runs it: it starts the fake ARM server in-process and times, side by side, a
             raw HttpClient loop (the floor), the engine, and Get-AcrWebhookEvent in pwsh children that trust the
             fake's CA through SSL_CERT_FILE. Scenarios: one webhook of 200 pages (S1), -First 1 (S2), 20 webhooks
             with 40 ms latency, fanned out and one after another (S3), 200 000 events against S1 for peak memory
             (S4), Import-Module in a fresh pwsh (S5). Prints a Markdown table of medians and the goals met or
             missed, and writes it to out/bench/results.md. Takes a few minutes; the machine should be quiet.

    Package  Runs Build, then publishes out/AcrWebhookEvents to out/repository, a folder that PSResourceGet uses
             as a repository (tools/Publish-LocalRepository.ps1: Test-ModuleManifest, then Publish-PSResource,
             which writes AcrWebhookEvents.<version>.nupkg there). Publishing runs in a child pwsh whose HOME is
             a throwaway folder, so your own PSResourceGet repository list is never changed. Install from it:

                 Register-PSResourceRepository -Name AcrLocal -Uri "$PWD/out/repository" -Trusted
                 Install-PSResource AcrWebhookEvents -Repository AcrLocal

.PARAMETER Task
    The tasks to run, in order. Build when omitted.

.PARAMETER Configuration
    The dotnet build configuration. Release when omitted.

.PARAMETER PesterPath
    Test only: the Pester test files to run instead of every tests/Pester/*.Tests.ps1.

.EXAMPLE
    dotnet pwsh ./build.ps1

    Builds the module into out/AcrWebhookEvents/.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test

    Builds, then runs the xunit and Pester tests and prints one summary line. This is what .ci/run runs.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test -PesterPath tests/Pester/FakeArm.Tests.ps1

    Builds, runs the xunit tests and one Pester file.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package

    Builds, then publishes the module to the local repository folder out/repository.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench

    Builds, then runs the end-to-end benchmark and prints its table (also in out/bench/results.md).

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Clean, Build -Configuration Debug

    Removes every build output, then builds the Debug configuration.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Clean', 'Bench', 'Package')]
    [string[]] $Task = 'Build',

    [string] $Configuration = 'Release',

    [string[]] $PesterPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Children inherit these: no telemetry, no update check, and NuGet restores that do not stall on revocation checks.
$env:NUGET_CERT_REVOCATION_MODE = 'offline'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_UPDATECHECK = 'Off'

$RepoRoot = $PSScriptRoot
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleOut = Join-Path $OutRoot 'AcrWebhookEvents'
$PublishRoot = Join-Path $RepoRoot 'obj/publish'
$EnginePublish = Join-Path $PublishRoot 'AcrWebhookEvents.Engine'
$CmdletsPublish = Join-Path $PublishRoot 'AcrWebhookEvents'
$TestResults = Join-Path $OutRoot 'test-results'
$FakeArmDll = Join-Path $RepoRoot "tests/FakeArm/bin/$Configuration/net10.0/FakeArm.dll"
$TestModulesRoot = Join-Path $OutRoot 'test-modules'

# The Azure.Core versions the test-only module tests/OtherAzureCore is built with, to load beside ours in one session:
# an older one here, and always the very version we ship (read from Directory.Packages.props).
$OlderOtherAzureCoreVersion = '1.44.1'
$HelpOut = Join-Path $RepoRoot 'obj/help/en-US/AcrWebhookEvents.dll-Help.xml'
$RepositoryOut = Join-Path $OutRoot 'repository'

# The files shipped at the module root: Source is relative to the repo root, Target to out/AcrWebhookEvents.
# The manifest is not listed here because it is stamped, not copied. Adding a root file (or en-US help) is one line.
$RootFiles = @(
    @{ Source = 'obj/publish/AcrWebhookEvents/AcrWebhookEvents.dll'; Target = 'AcrWebhookEvents.dll' }
    @{
        Source = 'obj/publish/AcrWebhookEvents/AcrWebhookEvents.Abstractions.dll'
        Target = 'AcrWebhookEvents.Abstractions.dll'
    }
    @{
        Source = 'src/AcrWebhookEvents/AcrWebhookEvents.format.ps1xml'
        Target = 'AcrWebhookEvents.format.ps1xml'
    }
    @{
        Source = 'src/AcrWebhookEvents/AcrWebhookEvents.types.ps1xml'
        Target = 'AcrWebhookEvents.types.ps1xml'
    }

    # Generated from docs/en-US/*.md by tools/Build-ExternalHelp.ps1 before the module is assembled.
    @{ Source = 'obj/help/en-US/AcrWebhookEvents.dll-Help.xml'; Target = 'en-US/AcrWebhookEvents.dll-Help.xml' }
    @{
        Source = 'docs/en-US/about_AcrWebhookEvents.help.txt'
        Target = 'en-US/about_AcrWebhookEvents.help.txt'
    }
)

# Everything under dependencies/, copied from the engine's publish output. Kept explicit so a new transitive
# package never ships unnoticed: the build warns about any published dll missing from this list.
$DependencyFiles = @(
    'AcrWebhookEvents.Engine.dll'
    'Azure.Core.dll'
    'Azure.Identity.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'Microsoft.Extensions.Configuration.Abstractions.dll'
    'Microsoft.Extensions.DependencyInjection.Abstractions.dll'
    'Microsoft.Extensions.Diagnostics.Abstractions.dll'
    'Microsoft.Extensions.FileProviders.Abstractions.dll'
    'Microsoft.Extensions.Hosting.Abstractions.dll'
    'Microsoft.Extensions.Logging.Abstractions.dll'
    'Microsoft.Extensions.Options.dll'
    'Microsoft.Extensions.Primitives.dll'
    'Microsoft.Identity.Client.Extensions.Msal.dll'
    'Microsoft.Identity.Client.dll'
    'Microsoft.IdentityModel.Abstractions.dll'
    'System.Buffers.dll'
    'System.ClientModel.dll'
    'System.ComponentModel.Annotations.dll'
    'System.Diagnostics.DiagnosticSource.dll'
    'System.Formats.Asn1.dll'
    'System.IO.FileSystem.AccessControl.dll'
    'System.IO.Pipelines.dll'
    'System.Memory.Data.dll'
    'System.Memory.dll'
    'System.Net.ServerSentEvents.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Security.AccessControl.dll'
    'System.Security.Cryptography.Cng.dll'
    'System.Security.Cryptography.ProtectedData.dll'
    'System.Security.Principal.Windows.dll'
    'System.Text.Encodings.Web.dll'
    'System.Text.Json.dll'
    'System.Threading.Tasks.Extensions.dll'
)

# Published dlls that are accounted for elsewhere: the abstractions ship once, at the root, never in dependencies/.
$DependencyExclusions = @('AcrWebhookEvents.Abstractions.dll')

# Variables that could point a test at a real identity; the Pester child gets none of them from the caller.
$AmbientAzureVariables = @(
    'IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'MSI_ENDPOINT', 'MSI_SECRET', 'IMDS_ENDPOINT',
    'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH',
    'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_AUTHORITY_HOST', 'AZURE_USERNAME', 'AZURE_PASSWORD'
)

$script:IsBuilt = $false

function Invoke-Dotnet {
    <# Runs dotnet with the given arguments, streams its output and throws when it exits non-zero. #>
    param([string[]] $ArgumentList)

    Write-Host "> dotnet $($ArgumentList -join ' ')"
    & dotnet @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "'dotnet $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }

}

function Write-Step {
    param([string] $Message)

    Write-Host ''
    Write-Host "=== $Message"
}

function Get-PwshCommand {
    <#
    Returns the executable and leading arguments that start the pwsh running this script. Under the local tool
    ('dotnet pwsh') the process is dotnet and pwsh is a dll in $PSHOME; a native pwsh is its own executable.
    #>
    $processPath = [Environment]::ProcessPath
    $processName = [IO.Path]::GetFileNameWithoutExtension($processPath)
    if ($processName -eq 'dotnet') {
        return @{ FilePath = $processPath; Prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    }

    return @{ FilePath = $processPath; Prefix = @() }
}

function Get-ModuleVersion {
    <# Reads the one ModuleVersion from Directory.Build.props. #>
    $propsPath = Join-Path $RepoRoot 'Directory.Build.props'
    [xml] $props = Get-Content -LiteralPath $propsPath -Raw
    $node = $props.SelectSingleNode('/Project/PropertyGroup/ModuleVersion')
    if (-not $node -or -not $node.InnerText.Trim()) {
        throw "No <ModuleVersion> found in $propsPath."
    }

    $version = $node.InnerText.Trim()
    if (-not ($version -as [version])) {
        throw "ModuleVersion '$version' in $propsPath is not a version of the form 1.2.3."
    }

    return $version
}

function Copy-ShippedFile {
    param([string] $Source, [string] $Destination)

    if (-not (Test-Path -LiteralPath $Source -PathType Leaf)) {
        throw "Shipped file missing: '$Source' does not exist. Fix the project or the list in build.ps1."
    }

    $folder = Split-Path -Parent $Destination
    if (-not (Test-Path -LiteralPath $folder)) {
        $null = New-Item -ItemType Directory -Path $folder
    }

    Copy-Item -LiteralPath $Source -Destination $Destination
}

function Write-UnlistedAssemblyWarning {
    <# Warns about each dll in a publish folder that neither list accounts for, so it is shipped on purpose or not. #>
    param([string] $Folder, [string[]] $Listed)

    $unlisted = Get-ChildItem -LiteralPath $Folder -Filter '*.dll' -File |
        Where-Object { $_.Name -notin $Listed } |
        ForEach-Object Name
    if ($unlisted) {
        Write-Warning ("Published but not shipped (add to build.ps1 if the module needs them): " +
            ($unlisted -join ', ') + " in $Folder")
    }

}

function Write-StampedManifest {
    param([string] $Version)

    $source = Join-Path $RepoRoot 'AcrWebhookEvents.psd1'
    $destination = Join-Path $ModuleOut 'AcrWebhookEvents.psd1'
    if (-not (Test-Path -LiteralPath $source -PathType Leaf)) {
        throw "Shipped file missing: the module manifest '$source' does not exist."
    }

    $text = Get-Content -LiteralPath $source -Raw
    $pattern = '(?m)^(\s*ModuleVersion\s*=\s*)([''"])[^''"]*\2'
    if ($text -notmatch $pattern) {
        throw "No ModuleVersion = '...' line found in $source to stamp."
    }

    # Only the first match: a RequiredModules entry further down may carry a ModuleVersion of its own.
    $stamped = ([regex] $pattern).Replace($text, "`${1}'$Version'", 1)

    # UTF-8 with BOM keeps non-ASCII text in the manifest readable for Windows PowerShell 5.1 too.
    [IO.File]::WriteAllText($destination, $stamped, [Text.UTF8Encoding]::new($true))
    $written = Import-PowerShellDataFile -LiteralPath $destination
    if ($written.ModuleVersion -ne $Version) {
        throw "The stamped manifest says ModuleVersion '$($written.ModuleVersion)', expected '$Version'."
    }

}

function Write-ExternalHelp {
    <#
    Generates the MAML help from docs/en-US in a child pwsh: it imports the freshly published cmdlets, which this
    process must not load (a later Clean, Build in the same run could not replace them). Fails the build when the
    markdown and the cmdlets disagree.
    #>
    Remove-Item -LiteralPath $HelpOut -Force -ErrorAction Ignore
    $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $RepoRoot 'AcrWebhookEvents.psd1')
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh.Prefix) + @(
        '-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tools/Build-ExternalHelp.ps1'),
        '-ModulePath', (Join-Path $CmdletsPublish 'AcrWebhookEvents.dll'),
        '-DocsPath', (Join-Path $RepoRoot 'docs/en-US'),
        '-OutputPath', $HelpOut,
        '-CommandName', ($manifest.CmdletsToExport -join ',')
    )
    & $pwsh.FilePath @arguments | Out-Host
    if ($LASTEXITCODE -ne 0) {
        throw "No help generated from docs/en-US (see above): Build-ExternalHelp.ps1 exited with $LASTEXITCODE."
    }

}

function Invoke-BuildTask {
    if ($script:IsBuilt) {
        return
    }

    Write-Step "Build ($Configuration)"
    Invoke-Dotnet 'tool', 'restore'
    Invoke-Dotnet 'build', (Join-Path $RepoRoot 'AcrWebhookEvents.sln'), '-c', $Configuration

    # A fresh publish folder, so a dll dropped from a project does not linger and get shipped.
    Remove-Item -LiteralPath $PublishRoot -Recurse -Force -ErrorAction Ignore
    $engineProject = Join-Path $RepoRoot 'src/AcrWebhookEvents.Engine'
    Invoke-Dotnet 'publish', $engineProject, '-c', $Configuration, '--no-build', '-o', $EnginePublish
    $cmdletsProject = Join-Path $RepoRoot 'src/AcrWebhookEvents'
    Invoke-Dotnet 'publish', $cmdletsProject, '-c', $Configuration, '--no-build', '-o', $CmdletsPublish

    Write-Step 'Help from docs/en-US'
    Write-ExternalHelp

    Write-Step "Assemble $ModuleOut"
    Remove-Item -LiteralPath $ModuleOut -Recurse -Force -ErrorAction Ignore
    $null = New-Item -ItemType Directory -Path $ModuleOut
    foreach ($file in $RootFiles) {
        Copy-ShippedFile -Source (Join-Path $RepoRoot $file.Source) -Destination (Join-Path $ModuleOut $file.Target)
    }

    foreach ($name in $DependencyFiles) {
        Copy-ShippedFile -Source (Join-Path $EnginePublish $name) `
            -Destination (Join-Path $ModuleOut "dependencies/$name")
    }

    $rootNames = $RootFiles | ForEach-Object { Split-Path -Leaf $_.Source }
    Write-UnlistedAssemblyWarning -Folder $EnginePublish -Listed ($DependencyFiles + $DependencyExclusions)
    Write-UnlistedAssemblyWarning -Folder $CmdletsPublish -Listed $rootNames

    $version = Get-ModuleVersion
    Write-StampedManifest -Version $version
    $count = (Get-ChildItem -LiteralPath $ModuleOut -Recurse -File).Count
    Write-Host "Module $version assembled: $count files in $ModuleOut"
    $script:IsBuilt = $true
}

function Get-ShippedPackageVersion {
    <# Reads a package's pinned version from Directory.Packages.props. #>
    param([string] $PackageId)

    $propsPath = Join-Path $RepoRoot 'Directory.Packages.props'
    [xml] $props = Get-Content -LiteralPath $propsPath -Raw
    $node = $props.SelectSingleNode("/Project/ItemGroup/PackageVersion[@Include='$PackageId']")
    if (-not $node) {
        throw "No PackageVersion for $PackageId in $propsPath."
    }

    return $node.GetAttribute('Version')
}

function Publish-OtherAzureCoreModule {
    <#
    Publishes tests/OtherAzureCore once per Azure.Core version, each with its own obj/ and bin/ so the builds neither
    share restore results nor overwrite each other. Returns the folder holding the <version>/OtherAzureCore folders.
    #>
    $project = Join-Path $RepoRoot 'tests/OtherAzureCore'
    $shipped = Get-ShippedPackageVersion -PackageId 'Azure.Core'
    $versions = @($OlderOtherAzureCoreVersion, $shipped) | Select-Object -Unique
    Remove-Item -LiteralPath $TestModulesRoot -Recurse -Force -ErrorAction Ignore
    foreach ($version in $versions) {
        Invoke-Dotnet 'publish', $project, '-c', $Configuration, '--nologo', '-v', 'quiet',
            "-p:OtherAzureCoreVersion=$version",
            "-p:BaseIntermediateOutputPath=$(Join-Path $project "obj/$version")/",
            "-p:BaseOutputPath=$(Join-Path $project "bin/$version")/",
            '-o', (Join-Path $TestModulesRoot "$version/OtherAzureCore")
    }

    return $TestModulesRoot
}

function Set-ChildEnvironment {
    <#
    Sets the variables a test or demo child needs and returns the previous values, for Restore-ChildEnvironment.
    Variables set to $null are removed for the child.
    #>
    param([hashtable] $Variables)

    $previous = @{}
    foreach ($name in $Variables.Keys) {
        $previous[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Variables[$name])
    }

    return $previous
}

function Restore-ChildEnvironment {
    param([hashtable] $Previous)

    foreach ($name in $Previous.Keys) {
        [Environment]::SetEnvironmentVariable($name, $Previous[$name])
    }

}

function New-TestCertificateAuthority {
    <# Makes a fresh CA that the fake ARM server signs its certificate with; a child trusts it via SSL_CERT_FILE. #>
    param([string] $Folder)

    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction Ignore
    if (-not (Test-Path -LiteralPath $FakeArmDll -PathType Leaf)) {
        throw "The fake ARM server was not built: $FakeArmDll is missing."
    }

    Invoke-Dotnet $FakeArmDll, '--make-ca', $Folder
    $caFile = Join-Path $Folder 'ca.pem'
    if (-not (Test-Path -LiteralPath $caFile -PathType Leaf)) {
        throw "FakeArm --make-ca did not write $caFile."
    }

    return $caFile
}

function Get-ChildTestEnvironment {
    param([string] $CaFolder)

    $variables = @{
        SSL_CERT_FILE = Join-Path $CaFolder 'ca.pem'
        ACRWH_TEST_CA_DIR = $CaFolder
        ACRWH_MODULE_PATH = $ModuleOut
        ACRWH_FAKEARM_DLL = $FakeArmDll
        ACRWH_OTHER_MODULES = $TestModulesRoot

        # The default credential chain must never fall through to the cloud metadata address.
        AZURE_TOKEN_CREDENTIALS = 'dev'
        NO_COLOR = '1'
    }
    foreach ($name in $AmbientAzureVariables) {
        $variables[$name] = $null
    }

    return $variables
}

function Invoke-XunitTest {
    <# Runs the engine tests and returns their counts from the TRX; a missing TRX counts as one failure. #>
    $trxPath = Join-Path $TestResults 'engine.trx'
    $project = Join-Path $RepoRoot 'tests/AcrWebhookEvents.Engine.Tests'
    $arguments = @(
        'test', $project, '-c', $Configuration, '--no-build',
        '--logger', 'trx;LogFileName=engine.trx', '--results-directory', $TestResults
    )
    Write-Host "> dotnet $($arguments -join ' ')"

    # A failing test run exits non-zero; the counts come from the TRX, so the exit code alone is not an error.
    & dotnet @arguments | Out-Host
    $exitCode = $LASTEXITCODE

    if (-not (Test-Path -LiteralPath $trxPath -PathType Leaf)) {
        Write-Host "xunit: no results file at $trxPath (dotnet test exited with $exitCode); counted as 1 failure."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }

    [xml] $trx = Get-Content -LiteralPath $trxPath -Raw
    $namespace = @{ t = 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010' }
    $counters = (Select-Xml -Xml $trx -XPath '//t:ResultSummary/t:Counters' -Namespace $namespace).Node
    if (-not $counters) {
        Write-Host "xunit: $trxPath has no ResultSummary/Counters; counted as 1 failure."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }

    # Absent attributes read as '' and count 0; error, timeout and aborted results are failures too.
    $count = { param($name) [int] $counters.GetAttribute($name) }

    # The TRX logger leaves Counters/@notExecuted at 0 for skipped xunit tests; each result still says so.
    $notExecutedPath = "//t:Results/t:UnitTestResult[@outcome='NotExecuted']"
    $notExecuted = @(Select-Xml -Xml $trx -XPath $notExecutedPath -Namespace $namespace).Count
    $counts = [pscustomobject]@{
        Passed = & $count 'passed'
        Failed = (& $count 'failed') + (& $count 'error') + (& $count 'timeout') + (& $count 'aborted')
        Skipped = [Math]::Max((& $count 'notExecuted'), $notExecuted)
    }

    # A non-zero exit with no failed test means the run itself broke (a crashed test host, for one).
    if ($exitCode -ne 0 -and $counts.Failed -eq 0) {
        Write-Host "xunit: dotnet test exited with $exitCode although no test failed; counted as 1 failure."
        $counts.Failed = 1
    }

    return $counts
}

function Invoke-PesterTest {
    <# Runs the Pester tests in a child pwsh, which reads SSL_CERT_FILE at start, and returns their counts. #>
    param([string] $CaFolder)

    $resultFile = Join-Path $TestResults 'pester.json'
    $runner = Join-Path $RepoRoot 'tests/Pester/Invoke-PesterRun.ps1'
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh.Prefix) + @('-NoProfile', '-NonInteractive', '-File', $runner, '-ResultFile', $resultFile)
    if ($PesterPath) {
        $resolved = $PesterPath | ForEach-Object { (Resolve-Path -LiteralPath $_).ProviderPath }
        $arguments += @('-Path', ($resolved -join ','))
    }

    $previous = Set-ChildEnvironment -Variables (Get-ChildTestEnvironment -CaFolder $CaFolder)
    try {
        Write-Host "> $($pwsh.FilePath) $($arguments -join ' ')"
        & $pwsh.FilePath @arguments | Out-Host
        $exitCode = $LASTEXITCODE
    }
    finally {
        Restore-ChildEnvironment -Previous $previous
    }

    if (-not (Test-Path -LiteralPath $resultFile -PathType Leaf)) {
        Write-Host "Pester: no results file at $resultFile (the run exited with $exitCode); counted as 1 failure."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }

    $result = Get-Content -LiteralPath $resultFile -Raw | ConvertFrom-Json
    $counts = [pscustomobject]@{
        Passed = [int] $result.passed
        Failed = [int] $result.failed
        Skipped = [int] $result.skipped
    }
    if ($exitCode -ne 0 -and $counts.Failed -eq 0) {
        Write-Host "Pester: the run exited with $exitCode although no test failed; counted as 1 failure."
        $counts.Failed = 1
    }

    return $counts
}

function Format-Count {
    param($Counts)

    return '{0} passed, {1} failed, {2} skipped' -f $Counts.Passed, $Counts.Failed, $Counts.Skipped
}

function Invoke-TestTask {
    <#
    Returns the exit code instead of throwing: whatever breaks, CI still gets the summary as the last line.
    #>
    $runs = [ordered]@{}
    try {
        Invoke-BuildTask

        Write-Step 'Test prerequisites'
        Invoke-Dotnet 'restore', (Join-Path $RepoRoot 'tests/tools/tools.proj')
        Remove-Item -LiteralPath $TestResults -Recurse -Force -ErrorAction Ignore
        $null = New-Item -ItemType Directory -Path $TestResults
        $caFolder = Join-Path $OutRoot 'test-ca'
        $null = New-TestCertificateAuthority -Folder $caFolder
        $null = Publish-OtherAzureCoreModule

        Write-Step 'xunit: tests/AcrWebhookEvents.Engine.Tests'
        $runs['xunit'] = Invoke-XunitTest

        Write-Step 'Pester: tests/Pester'
        $runs['Pester'] = Invoke-PesterTest -CaFolder $caFolder
    }
    catch {
        Write-Host "Test task stopped: $($_.Exception.Message)"
        Write-Host $_.ScriptStackTrace
        $runs['test task'] = [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }

    Write-Step 'Summary'
    $total = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($name in $runs.Keys) {
        Write-Host ("{0,-10} {1}" -f "${name}:", (Format-Count $runs[$name]))
        $total.Passed += $runs[$name].Passed
        $total.Failed += $runs[$name].Failed
        $total.Skipped += $runs[$name].Skipped
    }

    Write-Host "Results: $TestResults"
    Write-Host (Format-Count $total)
    if ($total.Failed -gt 0) {
        return 1
    }

    return 0
}

function Invoke-DemoTask {
    $demoScript = Join-Path $RepoRoot 'tests/Demo/Start-Demo.ps1'
    if (-not (Test-Path -LiteralPath $demoScript -PathType Leaf)) {
        Write-Host "The demo is not available yet: $demoScript does not exist."
        return
    }

    Invoke-BuildTask
    Write-Step 'Demo'
    $caFolder = Join-Path $OutRoot 'demo-ca'
    $null = New-TestCertificateAuthority -Folder $caFolder
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh.Prefix) + @('-NoProfile', '-File', $demoScript)
    $previous = Set-ChildEnvironment -Variables (Get-ChildTestEnvironment -CaFolder $caFolder)
    try {
        & $pwsh.FilePath @arguments
        if ($LASTEXITCODE -ne 0) {
            throw "The demo exited with code $LASTEXITCODE."
        }

    }
    finally {
        Restore-ChildEnvironment -Previous $previous
    }

}

function Invoke-PackageTask {
    Invoke-BuildTask
    Write-Step "Package to $RepositoryOut"

    # PSResourceGet keeps its repository list under HOME (XDG_DATA_HOME when set): the child gets a throwaway
    # one, and no inherited module path, so it neither changes nor reads the user's own setup.
    $childHome = Join-Path $OutRoot 'package-home'
    Remove-Item -LiteralPath $childHome -Recurse -Force -ErrorAction Ignore

    # .NET reports a missing ~/.config as no folder at all, and NuGet (inside PSResourceGet) then writes its
    # NuGet/NuGet.Config relative to the current folder: the repo root. Both folders exist in a real home.
    $null = New-Item -ItemType Directory -Path (Join-Path $childHome '.config'), (Join-Path $childHome '.local/share')
    $variables = @{
        HOME = $childHome
        PSModulePath = $null
        XDG_DATA_HOME = $null
        XDG_CONFIG_HOME = $null
        XDG_CACHE_HOME = $null
    }
    $pwsh = Get-PwshCommand
    $arguments = @($pwsh.Prefix) + @(
        '-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'tools/Publish-LocalRepository.ps1'),
        '-ModulePath', $ModuleOut,
        '-RepositoryPath', $RepositoryOut
    )
    $previous = Set-ChildEnvironment -Variables $variables
    try {
        & $pwsh.FilePath @arguments | Out-Host
        if ($LASTEXITCODE -ne 0) {
            throw "Publishing to $RepositoryOut failed (see above); the publish script exited with $LASTEXITCODE."
        }

    }
    finally {
        Restore-ChildEnvironment -Previous $previous
        Remove-Item -LiteralPath $childHome -Recurse -Force -ErrorAction Ignore
    }

}

function Invoke-BenchTask {
    Invoke-BuildTask
    Write-Step 'Bench'
    $project = Join-Path $RepoRoot 'bench/AcrWebhookEvents.Bench'
    Invoke-Dotnet 'build', $project, '-c', $Configuration
    $benchDll = Join-Path $project "bin/$Configuration/net10.0/AcrWebhookEvents.Bench.dll"
    $pwsh = Get-PwshCommand
    $arguments = @(
        $benchDll
        '--module', $ModuleOut
        '--script', (Join-Path $RepoRoot 'bench/Measure-Cmdlet.ps1')
        '--pwsh', $pwsh.FilePath
        '--out', (Join-Path $OutRoot 'bench/results.md')
    )
    foreach ($prefix in $pwsh.Prefix) {
        $arguments += @('--pwsh-prefix', $prefix)
    }

    # Nothing ambient may point the children at a real identity; they sign in with the fake's token only.
    $variables = @{ AZURE_TOKEN_CREDENTIALS = 'dev' }
    foreach ($name in $AmbientAzureVariables) {
        $variables[$name] = $null
    }

    $previous = Set-ChildEnvironment -Variables $variables
    try {
        Write-Host "> dotnet $($arguments -join ' ')"
        & dotnet @arguments
        if ($LASTEXITCODE -ne 0) {
            throw "The benchmark exited with code $LASTEXITCODE."
        }

    }
    finally {
        Restore-ChildEnvironment -Previous $previous
    }

}

function Invoke-CleanTask {
    Write-Step 'Clean'

    # dotnet clean needs restored projects; the folders below go regardless, so its failure is only reported.
    & dotnet clean (Join-Path $RepoRoot 'AcrWebhookEvents.sln') -c $Configuration --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Warning "dotnet clean exited with $LASTEXITCODE; removing the output folders anyway."
    }

    $folders = @($OutRoot, $PublishRoot, (Split-Path -Parent (Split-Path -Parent $HelpOut)))
    $projectFolders = Get-ChildItem -Path (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'tests'),
        (Join-Path $RepoRoot 'bench') -Directory
    foreach ($project in $projectFolders) {
        $folders += Join-Path $project.FullName 'bin'
        $folders += Join-Path $project.FullName 'obj'
    }

    foreach ($folder in $folders) {
        if (Test-Path -LiteralPath $folder) {
            Write-Host "Removing $folder"
            Remove-Item -LiteralPath $folder -Recurse -Force
        }

    }

    # obj/ at the root holds only publish/ and help/; drop it too once empty.
    $rootObj = Join-Path $RepoRoot 'obj'
    if ((Test-Path -LiteralPath $rootObj) -and -not (Get-ChildItem -LiteralPath $rootObj -Force)) {
        Remove-Item -LiteralPath $rootObj
    }

    $script:IsBuilt = $false
}

Push-Location -LiteralPath $RepoRoot
try {
    $exitCode = 0
    foreach ($name in $Task) {
        switch ($name) {
            'Build' { Invoke-BuildTask }
            'Test' { $exitCode = [Math]::Max($exitCode, (Invoke-TestTask)) }
            'Demo' { Invoke-DemoTask }
            'Clean' { Invoke-CleanTask }
            'Package' { Invoke-PackageTask }
            'Bench' { Invoke-BenchTask }
            default { throw "Task '$name' is not implemented yet." }
        }

    }

}
finally {
    Pop-Location
}

exit $exitCode
