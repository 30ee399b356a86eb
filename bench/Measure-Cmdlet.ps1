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
    [switch] $ImportOnly,

    # Time the raw HttpClient floor in this process instead of the cmdlet: same process, same runtime settings.
    [switch] $RawFloor
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

# The same minimal loop as the benchmark's in-process floor (RawClient.cs), compiled here so that the floor for the
# cmdlet runs under exactly the conditions the cmdlet does: this pwsh's runtime settings, a separate process from
# the fake server, and the default transport trusting the CA through SSL_CERT_FILE.
$rawFloorSource = @'
using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

public static class AcrBenchRawFloor
{
    private static HttpClient _http;

    public static int Count(string listEvents, string token)
    {
        if (_http == null)
        {
            _http = new HttpClient();
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        string next = listEvents;
        HttpMethod method = HttpMethod.Post;
        int count = 0;
        while (next != null)
        {
            using (var request = new HttpRequestMessage(method, next))
            using (HttpResponseMessage response = _http.SendAsync(request).GetAwaiter().GetResult())
            {
                response.EnsureSuccessStatusCode();
                byte[] body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                using (JsonDocument page = JsonDocument.Parse(body))
                {
                    count += page.RootElement.GetProperty("value").GetArrayLength();
                    JsonElement link;
                    next = page.RootElement.TryGetProperty("nextLink", out link) ? link.GetString() : null;
                }
            }

            method = HttpMethod.Get;
        }

        return count;
    }
}
'@

if ($RawFloor) {
    Add-Type -TypeDefinition $rawFloorSource
    $listEvents = '{0}subscriptions/{1}/resourceGroups/{2}/providers/Microsoft.ContainerRegistry/registries/{3}' -f
        $ArmUrl, $SubscriptionId, $ResourceGroupName, $RegistryName
    $listEvents += "/webhooks/$WebhookName/listEvents?api-version=2023-01-01-preview"
    $times = [Collections.Generic.List[double]]::new()
    for ($i = 0; $i -lt $Warmup + $Samples; $i++) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $count = [AcrBenchRawFloor]::Count($listEvents, $Token)
        $watch.Stop()
        if ($i -ge $Warmup) {
            $times.Add($watch.Elapsed.TotalMilliseconds)
        }

        $result.count = $count
    }

    $result.times = $times.ToArray()
}
elseif (-not $ImportOnly) {
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
