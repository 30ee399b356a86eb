<#
.SYNOPSIS
    Test only, run in a fresh pwsh by ModuleIsolation.Tests.ps1: uses another module's Azure.Core and ours in one
    session, in the order given, and prints one JSON line saying what worked and which copy sat where.

.DESCRIPTION
    The other module (tests/OtherAzureCore) loads its Azure.Core into the default load context at import, as
    Az.Accounts does. Each module is used, then the first one is used again once both are loaded. Managed identity
    for our module comes from IDENTITY_ENDPOINT and IDENTITY_HEADER, which the caller sets.

    A failure is reported in the JSON (error), not thrown, so the caller sees what broke.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $OtherModulePath,
    [Parameter(Mandatory)] [ValidateSet('OtherFirst', 'OursFirst')] [string] $Order,
    [Parameter(Mandatory)] [string] $ResourceManagerUrl,
    [Parameter(Mandatory)] [string] $ResourceGroupName,
    [Parameter(Mandatory)] [string] $RegistryName,
    [Parameter(Mandatory)] [string] $WebhookName
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Invoke-Ours {
    Import-Module $env:ACRWH_MODULE_PATH
    $null = Connect-AcrAccount -Identity -ResourceManagerUrl $ResourceManagerUrl
    $events = @(Get-AcrWebhookEvent -ResourceGroupName $ResourceGroupName -RegistryName $RegistryName `
        -WebhookName $WebhookName)
    return $events.Count
}

function Invoke-Other {
    Import-Module $OtherModulePath
    $result = Get-OtherAzureCoreSubscription -ResourceManagerUrl $ResourceManagerUrl `
        -IdentityEndpoint $env:IDENTITY_ENDPOINT -IdentityHeader $env:IDENTITY_HEADER
    return @($result.SubscriptionIds).Count
}

function Get-AssemblyPlace {
    param([System.Reflection.Assembly] $Assembly)

    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($Assembly)
    return [ordered]@{
        Name = $Assembly.GetName().Name
        Version = $Assembly.GetName().Version.ToString()
        Location = $Assembly.Location
        Context = $context.GetType().FullName
        IsDefault = [object]::ReferenceEquals($context, [System.Runtime.Loader.AssemblyLoadContext]::Default)
    }
}

$report = [ordered]@{ Order = $Order; Ours = @(); Other = @(); Error = $null }
try {
    $steps = if ($Order -eq 'OtherFirst') { 'Other', 'Ours', 'Other' } else { 'Ours', 'Other', 'Ours' }
    foreach ($step in $steps) {
        if ($step -eq 'Ours') {
            $report.Ours += Invoke-Ours
        }
        else {
            $report.Other += Invoke-Other
        }

    }

    $loaded = [AppDomain]::CurrentDomain.GetAssemblies()
    $engine = @($loaded | Where-Object { $_.GetName().Name -eq 'AcrWebhookEvents.Engine' })
    $report.Engine = @($engine | ForEach-Object { Get-AssemblyPlace $_ })

    # What the engine's context hands out for Azure.Core is what the engine runs on.
    $engineContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine[0])
    $resolve = { param($name) Get-AssemblyPlace ($engineContext.LoadFromAssemblyName([Reflection.AssemblyName] $name)) }
    $report.EngineAzureCore = & $resolve 'Azure.Core'
    $report.EngineAbstractions = & $resolve 'AcrWebhookEvents.Abstractions'
    $report.EngineSystemMemory = & $resolve 'System.Memory'
    $report.AzureCore = @($loaded | Where-Object { $_.GetName().Name -eq 'Azure.Core' } |
        ForEach-Object { Get-AssemblyPlace $_ })
    $report.FromDependencies = @($loaded |
        Where-Object { -not $_.IsDynamic -and $_.Location -and $_.Location.StartsWith($env:ACRWH_MODULE_PATH) } |
        ForEach-Object { Get-AssemblyPlace $_ })
}
catch {
    $report.Error = "$($_.Exception.GetType().FullName): $($_.Exception.Message) $($_.ScriptStackTrace)"
}

$report | ConvertTo-Json -Compress -Depth 5
