# The Package flow: publish the built module to a folder repository, then install and import it by name, each
# in a child pwsh with its own HOME, so neither the user's repository list nor their modules are involved.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment

    $script:publisher = Join-Path $PSScriptRoot '../../tools/Publish-LocalRepository.ps1'
    $script:repository = Join-Path $TestDrive 'repository'

    function Invoke-IsolatedPwsh {
        <#
        Runs a script in a child pwsh whose HOME is a fresh folder and which inherits no module path, and returns
        its exit code and output. The child is killed if it outlives the timeout.
        #>
        param(
            [string] $HomeName,
            [string[]] $ArgumentList,
            [int] $TimeoutSec = 60
        )

        $childHome = Join-Path $TestDrive $HomeName

        # As in a real home; without ~/.config, NuGet inside PSResourceGet writes its config to the current folder.
        foreach ($folder in '.config', '.local/share') {
            $null = New-Item -ItemType Directory -Path (Join-Path $childHome $folder) -Force
        }

        # A working folder of its own, so a test can see anything written relative to it.
        $workingFolder = Join-Path $TestDrive "$HomeName-cwd"
        $null = New-Item -ItemType Directory -Path $workingFolder -Force
        $processPath = [Environment]::ProcessPath
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($processPath)
        if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
            # Under 'dotnet pwsh' the local tool is a dll; 'dotnet pwsh' itself would not find it with another HOME.
            $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }

        foreach ($argument in @('-NoProfile', '-NonInteractive') + $ArgumentList) {
            $startInfo.ArgumentList.Add($argument)
        }

        $startInfo.UseShellExecute = $false
        $startInfo.WorkingDirectory = $workingFolder
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $startInfo.Environment['HOME'] = $childHome
        foreach ($name in 'PSModulePath', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME') {
            $null = $startInfo.Environment.Remove($name)
        }

        $process = [System.Diagnostics.Process]::Start($startInfo)
        try {
            $stdout = $process.StandardOutput.ReadToEndAsync()
            $stderr = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit($TimeoutSec * 1000)) {
                $process.Kill($true)
                throw "The child pwsh did not finish within $TimeoutSec s."
            }

            $process.WaitForExit()
            return [pscustomobject]@{
                ExitCode = $process.ExitCode
                Output = $stdout.Result
                Error = $stderr.Result
                Home = $childHome
                WorkingFolder = $workingFolder
            }
        }
        finally {
            $process.Dispose()
        }

    }

    $script:published = Invoke-IsolatedPwsh -HomeName 'publisher-home' -ArgumentList @(
        '-File', $publisher, '-ModulePath', $env:ACRWH_MODULE_PATH, '-RepositoryPath', $repository
    )
}

Describe 'Package' {
    It 'publishes the module to the folder repository' {
        $published.ExitCode | Should -Be 0 -Because "$($published.Output)`n$($published.Error)"
        $version = (Import-PowerShellDataFile (Join-Path $env:ACRWH_MODULE_PATH 'AcrWebhookEvents.psd1')).ModuleVersion
        Join-Path $repository "AcrWebhookEvents.$version.nupkg" | Should -Exist

        # Nothing written relative to the current folder (NuGet/NuGet.Config would be, with no ~/.config).
        $stray = @(Get-ChildItem -LiteralPath $published.WorkingFolder -Force | ForEach-Object Name)
        $stray -join ', ' | Should -BeNullOrEmpty
    }

    It 'installs from it and imports by name, with its cmdlets and help' {
        $script = {
            param($Repository)
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name TestLocal -Uri $Repository -Trusted
            Install-PSResource AcrWebhookEvents -Repository TestLocal -TrustRepository -Quiet
            Import-Module AcrWebhookEvents
            [pscustomobject]@{
                ModuleBase = (Get-Module AcrWebhookEvents).ModuleBase
                Commands = @(Get-Command -Module AcrWebhookEvents | ForEach-Object Name | Sort-Object)
                Examples = @((Get-Help Get-AcrWebhookEvent -Examples).examples.example).Count
                ExampleText = Get-Help Get-AcrWebhookEvent -Examples | Out-String -Width 200
            } | ConvertTo-Json -Compress
        }
        $installed = Invoke-IsolatedPwsh -HomeName 'installer-home' -ArgumentList @(
            '-Command', "& { $script } -Repository '$repository'"
        )
        $installed.ExitCode | Should -Be 0 -Because "$($installed.Output)`n$($installed.Error)"
        $result = $installed.Output | ConvertFrom-Json

        # Installed for the child's own user, not loaded from out/ or from anywhere the parent knows.
        $result.ModuleBase | Should -BeLike "$($installed.Home)*"
        $manifest = Import-PowerShellDataFile (Join-Path $env:ACRWH_MODULE_PATH 'AcrWebhookEvents.psd1')
        $result.Commands | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        $result.Examples | Should -BeGreaterOrEqual 1
        $result.ExampleText | Should -BeLike '*Example 1:*Get-AcrWebhookEvent*'
    }

}
