# How the module loads: the published layout, Remove-Module then Import-Module, and another module's Azure.Core
# (the way Az.Accounts loads it) in the same session, in either order.

BeforeDiscovery {
    # One case per build of tests/OtherAzureCore (build.ps1 makes an older Azure.Core and the one we ship) and order.
    $script:coexistenceCases = @(
        if ($env:ACRWH_OTHER_MODULES -and (Test-Path -LiteralPath $env:ACRWH_OTHER_MODULES)) {
            foreach ($build in Get-ChildItem -LiteralPath $env:ACRWH_OTHER_MODULES -Directory | Sort-Object Name) {
                foreach ($order in 'OtherFirst', 'OursFirst') {
                    @{ Version = $build.Name; Order = $order; Path = Join-Path $build.FullName 'OtherAzureCore' }
                }

            }

        }

    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment

    $script:moduleRoot = [IO.Path]::GetFullPath($env:ACRWH_MODULE_PATH)
    $script:dependencies = Join-Path $moduleRoot 'dependencies'
    $script:contextType = 'AcrWebhookEvents.Commands.Internal.DependencyLoadContext'
    $script:fake = Start-FakeArm -Sample
    $script:sample = Get-FakeArmSample
    $script:hook = @{
        ResourceGroupName = $sample.ResourceGroupName
        RegistryName = $sample.RegistryName
        WebhookName = 'deployhook'
    }
    Use-FakeArmIdentity $fake

    function Get-LoadedAssembly {
        param([string] $Name)

        [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $Name }
    }

    function Test-DefaultContext {
        param([Reflection.Assembly] $Assembly)

        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($Assembly)
        return [object]::ReferenceEquals($context, [System.Runtime.Loader.AssemblyLoadContext]::Default)
    }
}

AfterAll {
    if (Get-Module AcrWebhookEvents) {
        Disconnect-AcrAccount
    }

    Stop-FakeArm $script:fake
}

Describe 'AcrWebhookEvents module loading' {
    Context 'Published layout' {
        BeforeAll {
            $script:rootEntries = @(Get-ChildItem -LiteralPath $moduleRoot | ForEach-Object Name | Sort-Object)
            $script:dependencyFiles = @(Get-ChildItem -LiteralPath $dependencies -File | ForEach-Object Name)
            $script:allFiles = @(Get-ChildItem -LiteralPath $moduleRoot -Recurse -File | ForEach-Object Name)
        }

        It 'holds only the manifest, the default-context assemblies, format and type files, help and dependencies/' {
            $expected = @(
                'AcrWebhookEvents.Abstractions.dll'
                'AcrWebhookEvents.dll'
                'AcrWebhookEvents.format.ps1xml'
                'AcrWebhookEvents.psd1'
                'AcrWebhookEvents.types.ps1xml'
                'dependencies'
                'en-US'
            ) | Sort-Object
            $rootEntries | Should -Be $expected
        }

        It 'holds the engine and the Azure SDK with its dependencies in dependencies/' {
            $required = @(
                'AcrWebhookEvents.Engine.dll'
                'Azure.Core.dll'
                'Azure.Identity.dll'
                'Microsoft.Identity.Client.dll'
                'Microsoft.Identity.Client.Extensions.Msal.dll'
                'Microsoft.IdentityModel.Abstractions.dll'
                'System.ClientModel.dll'
                'System.Memory.Data.dll'
            )
            foreach ($name in $required) {
                $dependencyFiles | Should -Contain $name
            }

        }

        It 'ships the abstractions and the cmdlets once, at the root only' {
            $dependencyFiles | Should -Not -Contain 'AcrWebhookEvents.Abstractions.dll'
            $dependencyFiles | Should -Not -Contain 'AcrWebhookEvents.dll'
            @($allFiles | Where-Object { $_ -eq 'AcrWebhookEvents.Abstractions.dll' }).Count | Should -Be 1
        }

        It 'ships no System.Runtime.Loader.dll and no PowerShell assembly' {
            $allFiles | Should -Not -Contain 'System.Runtime.Loader.dll'
            $allFiles | Should -Not -Contain 'System.Management.Automation.dll'
        }
    }

    Context 'In this session' {
        BeforeAll {
            Import-Module $moduleRoot
            $null = Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl
            $script:events = @(Get-AcrWebhookEvent @hook)
        }

        It 'loads the engine and its Azure.Core into the module''s own load context, not the default one' {
            $events.Count | Should -Be $sample.Webhooks['deployhook']
            $engine = @(Get-LoadedAssembly 'AcrWebhookEvents.Engine')
            $engine.Count | Should -Be 1
            Test-DefaultContext $engine[0] | Should -BeFalse
            $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine[0])
            $context.GetType().FullName | Should -Be $contextType
            $azureCore = $context.LoadFromAssemblyName([Reflection.AssemblyName] 'Azure.Core')
            $azureCore.Location | Should -Be (Join-Path $dependencies 'Azure.Core.dll')
            Test-DefaultContext $azureCore | Should -BeFalse
        }

        It 'gives the engine the abstractions of the default context, so PowerShell can name what it returns' {
            $engine = Get-LoadedAssembly 'AcrWebhookEvents.Engine' | Select-Object -First 1
            $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
            $abstractions = $context.LoadFromAssemblyName([Reflection.AssemblyName] 'AcrWebhookEvents.Abstractions')
            $abstractions | Should -Be ([AcrWebhookEvents.AcrWebhookEvent].Assembly)
            Test-DefaultContext $abstractions | Should -BeTrue
            $events[0] | Should -BeOfType ([AcrWebhookEvents.AcrWebhookEvent])
        }

        It 'leaves System.Memory, System.Text.Json and the other platform assemblies to the default context' {
            $engine = Get-LoadedAssembly 'AcrWebhookEvents.Engine' | Select-Object -First 1
            $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
            $names = 'System.Memory', 'System.Text.Json', 'System.Buffers', 'System.Diagnostics.DiagnosticSource'
            foreach ($name in $names) {
                $platform = $context.LoadFromAssemblyName([Reflection.AssemblyName] $name)
                Test-DefaultContext $platform | Should -BeTrue -Because "$name is part of the runtime"
                $platform.Location | Should -Not -BeLike "$dependencies*"
            }

        }

        It 'works again after Remove-Module and Import-Module, reusing the one load context and engine' {
            Remove-Module AcrWebhookEvents
            Get-Module AcrWebhookEvents | Should -BeNullOrEmpty
            Import-Module $moduleRoot
            $null = Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl
            $again = @(Get-AcrWebhookEvent @hook)
            $again.Count | Should -Be $sample.Webhooks['deployhook']
            $again[0] | Should -BeOfType ([AcrWebhookEvents.AcrWebhookEvent])
            @(Get-LoadedAssembly 'AcrWebhookEvents.Engine').Count | Should -Be 1
            @([System.Runtime.Loader.AssemblyLoadContext]::All |
                Where-Object { $_.GetType().FullName -eq $contextType }).Count | Should -Be 1
        }
    }

    Context 'Beside another module''s Azure.Core in the default context' {
        It 'has the other module built with an older Azure.Core and with the one we ship' {
            $builds = @(Get-ChildItem -LiteralPath $env:ACRWH_OTHER_MODULES -Directory | ForEach-Object Name)
            $shipped = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $dependencies 'Azure.Core.dll')).Version
            $builds.Count | Should -Be 2
            $builds | Should -Contain $shipped.ToString(3)
        }

        It 'both work with Azure.Core <Version>, <Order>, ours never in the default context' -ForEach $coexistenceCases {
            $arguments = @(
                '-OtherModulePath', $Path, '-Order', $Order, '-ResourceManagerUrl', $fake.ArmUrl,
                '-ResourceGroupName', $hook.ResourceGroupName, '-RegistryName', $hook.RegistryName,
                '-WebhookName', $hook.WebhookName
            )
            $caseScript = Join-Path $PSScriptRoot 'Invoke-CoexistenceCase.ps1'
            $run = Invoke-ChildPwsh -File $caseScript -ArgumentList $arguments
            $run.ExitCode | Should -Be 0 -Because $run.StandardError
            $report = $run.StandardOutput[-1] | ConvertFrom-Json
            $report.Error | Should -BeNullOrEmpty

            # Each module was used, then the first one again once both were loaded.
            $report.Ours | ForEach-Object { $_ | Should -Be $sample.Webhooks['deployhook'] }
            $report.Other | ForEach-Object { $_ | Should -Be 1 }
            @($report.Ours).Count + @($report.Other).Count | Should -Be 3

            # Ours in our context, from dependencies/; theirs in the default context, from their folder.
            $report.Engine.Count | Should -Be 1
            $report.Engine[0].IsDefault | Should -BeFalse
            $report.EngineAzureCore.IsDefault | Should -BeFalse
            $report.EngineAzureCore.Context | Should -Be $contextType
            $report.EngineAzureCore.Location | Should -Be (Join-Path $dependencies 'Azure.Core.dll')
            $report.EngineAbstractions.IsDefault | Should -BeTrue
            $report.EngineSystemMemory.IsDefault | Should -BeTrue
            $theirs = @($report.AzureCore | Where-Object IsDefault)
            $theirs.Count | Should -Be 1
            $theirs[0].Location | Should -Be (Join-Path $Path 'Azure.Core.dll')
            ([version] $theirs[0].Version).ToString(3) | Should -Be $Version
            @($report.AzureCore).Count | Should -Be 2

            # Nothing of dependencies/ went to the default context.
            $report.FromDependencies | Where-Object { $_.Location.StartsWith($dependencies) } |
                ForEach-Object { $_.IsDefault | Should -BeFalse -Because "$($_.Name) is ours" }
        }
    }
}
