<#
.SYNOPSIS
    The pwsh side of the benchmark: times Get-AcrWebhookEvent (or Import-Module alone) inside this process.

.DESCRIPTION
    Started by bench/AcrWebhookEvents.Bench with SSL_CERT_FILE pointing at the fake's CA, so that the module's
    default transport trusts the fake as it would trust ARM. Only the pipeline is timed, never process start,
    import or sign-in. Writes one JSON line to stdout: each sample's milliseconds, the event count of the last
    sample, the import time and the process's peak resident memory (VmHWM) at the end.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $ArmUrl,
    [string] $Token,
    [string] $SubscriptionId,
    [string] $ResourceGroupName,
    [string] $RegistryName,
    [string] $WebhookName,
    [int] $First,
    [int] $ThrottleLimit,
    [int] $Warmup = 1,
    [int] $Samples = 5,
    [switch] $ImportOnly
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Get-PeakResidentKiB {
    # VmHWM is the kernel's high-water mark of resident memory, which catches a peak between two samples.
    $line = Get-Content -LiteralPath /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }
    if ($line) {
        return [long] (($line -split '\s+')[1])
    }

    return [long] ([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1KB)
}

$importWatch = [Diagnostics.Stopwatch]::StartNew()
Import-Module -Name (Join-Path $ModulePath 'AcrWebhookEvents.psd1')
$importWatch.Stop()
$result = [ordered]@{
    importMs = $importWatch.Elapsed.TotalMilliseconds
    times = @()
    count = 0
    peakKiB = 0
    pwsh = $PSVersionTable.PSVersion.ToString()
}

if (-not $ImportOnly) {
    $secure = ConvertTo-SecureString -String $Token -AsPlainText -Force
    Connect-AcrAccount -AccessToken $secure -ResourceManagerUrl $ArmUrl -SubscriptionId $SubscriptionId | Out-Null
    $query = @{ ResourceGroupName = $ResourceGroupName; RegistryName = $RegistryName }
    if ($WebhookName) {
        $query.WebhookName = $WebhookName
    }

    if ($First -gt 0) {
        $query.First = $First
    }

    if ($ThrottleLimit -gt 0) {
        $query.ThrottleLimit = $ThrottleLimit
    }

    $times = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Warmup + $Samples; $i++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $count = (Get-AcrWebhookEvent @query | Measure-Object).Count
        $watch.Stop()
        if ($i -ge $Warmup) {
            $times.Add($watch.Elapsed.TotalMilliseconds)
        }

        $result.count = $count
    }

    $result.times = $times.ToArray()
}

$result.peakKiB = Get-PeakResidentKiB
$result | ConvertTo-Json -Compress
