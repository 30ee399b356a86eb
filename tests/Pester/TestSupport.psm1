<#
Helpers shared by the Pester tests: start and stop the fake ARM server (tests/FakeArm), drive its control API,
and check that the environment build.ps1 -Task Test prepares is present.

Every fake started here is stopped by Stop-FakeArm, and by this module's removal as a safety net. The fake also
exits when its stdin closes, so even a test process that crashes cannot leave one running.

Import it without -Force: a forced re-import removes the loaded copy first, and with it every running fake.
#>

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# The identifiers of the data the fake seeds with --sample; tests name them through Get-FakeArmSample.
$script:Sample = [pscustomobject]@{
    SubscriptionId = '11111111-2222-3333-4444-555555555555'
    ResourceGroupName = 'demo-rg'
    RegistryName = 'demoregistry'
    Webhooks = [ordered]@{ buildhook = 45; deployhook = 12; audithook = 0 }
    PageSize = 20
    OtherResourceGroupName = 'other-rg'
    OtherRegistryName = 'otherregistry'
    OtherWebhooks = [ordered]@{ mirrorhook = 30 }
}

$script:RunningFakes = [System.Collections.Generic.List[object]]::new()
$script:StartTimeout = [TimeSpan]::FromSeconds(30)
$script:StopTimeout = [TimeSpan]::FromSeconds(5)

function Assert-TestEnvironment {
    <#
    .SYNOPSIS
        Throws unless the variables build.ps1 -Task Test sets for the Pester run are present.
    .DESCRIPTION
        The tests need a CA the process trusts from its start (SSL_CERT_FILE), the built module and the fake ARM
        server. Running a test file directly, outside the build, fails here with what to do instead.
    #>
    [CmdletBinding()]
    param()

    $required = 'SSL_CERT_FILE', 'ACRWH_TEST_CA_DIR', 'ACRWH_MODULE_PATH', 'ACRWH_FAKEARM_DLL'
    $missing = @($required | Where-Object {
        $value = [Environment]::GetEnvironmentVariable($_)
        -not $value -or -not (Test-Path -LiteralPath $value)
    })
    if ($missing.Count -gt 0) {
        throw ("The Pester tests need the environment that the build prepares; missing or not found: " +
            ($missing -join ', ') + ". Run from the repo root: dotnet pwsh ./build.ps1 -Task Test")
    }

    $caFile = Join-Path $env:ACRWH_TEST_CA_DIR 'ca.pem'
    if ([IO.Path]::GetFullPath($env:SSL_CERT_FILE) -ne [IO.Path]::GetFullPath($caFile)) {
        throw ("SSL_CERT_FILE is '$env:SSL_CERT_FILE', not the test CA '$caFile', so the fake's certificate " +
            "would not be trusted. Run from the repo root: dotnet pwsh ./build.ps1 -Task Test")
    }

}

function Get-FakeArmSample {
    <#
    .SYNOPSIS
        Returns the identifiers of the sample data the fake seeds with -Sample.
    .EXAMPLE
        $sample = Get-FakeArmSample; $sample.Webhooks['buildhook']   # 45 events
    #>
    [CmdletBinding()]
    param()

    return $script:Sample
}

function Get-DotnetPath {
    # Under 'dotnet pwsh' this process is dotnet itself: use the same one rather than whatever PATH finds.
    $processPath = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        return $processPath
    }

    return 'dotnet'
}

function Start-FakeArm {
    <#
    .SYNOPSIS
        Starts the fake ARM server and returns its URLs and process.
    .DESCRIPTION
        Starts tests/FakeArm with its certificate signed by the test CA, waits for the JSON line it prints when
        it listens, and returns ArmUrl (https), ControlUrl (http), IdentityEndpoint, IdentityHeader, CaFile and
        Process. Stop it with Stop-FakeArm, normally in AfterAll.
    .PARAMETER Sample
        Seed the sample subscription, registries and webhooks (see Get-FakeArmSample).
    .PARAMETER LatencyMs
        Delay every ARM answer by this many milliseconds.
    .PARAMETER IdentityHeader
        The X-IDENTITY-HEADER value the identity endpoint demands; the fake picks one when omitted.
    .EXAMPLE
        $fake = Start-FakeArm -Sample
    #>
    [CmdletBinding()]
    param(
        [switch] $Sample,

        [ValidateRange(0, 600000)]
        [int] $LatencyMs,

        [string] $IdentityHeader
    )

    Assert-TestEnvironment
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new((Get-DotnetPath))
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.ArgumentList.Add($env:ACRWH_FAKEARM_DLL)
    $startInfo.ArgumentList.Add('--ca')
    $startInfo.ArgumentList.Add($env:ACRWH_TEST_CA_DIR)
    if ($Sample) {
        $startInfo.ArgumentList.Add('--sample')
    }

    if ($PSBoundParameters.ContainsKey('LatencyMs')) {
        $startInfo.ArgumentList.Add('--latency-ms')
        $startInfo.ArgumentList.Add([string] $LatencyMs)
    }

    if ($IdentityHeader) {
        $startInfo.ArgumentList.Add('--identity-header')
        $startInfo.ArgumentList.Add($IdentityHeader)
    }

    $process = [System.Diagnostics.Process]::Start($startInfo)

    # Drain stderr from the start: a full pipe would block the fake, and its text explains a failed start.
    $stderr = $process.StandardError.ReadToEndAsync()
    $firstLine = $process.StandardOutput.ReadLineAsync()
    $line = $null
    if ($firstLine.Wait($script:StartTimeout)) {
        $line = $firstLine.Result
    }

    $info = $null
    if ($line) {
        try {
            $info = $line | ConvertFrom-Json
        }
        catch {
            $info = $null
        }

    }

    if (-not $info -or -not ($info.PSObject.Properties.Name -contains 'armUrl')) {
        $exitCode = Get-ExitCodeText $process
        Stop-FakeProcess -Process $process
        $errorText = if ($stderr.Wait(2000)) { $stderr.Result } else { '(no stderr)' }
        throw ("The fake ARM server did not announce itself within $($script:StartTimeout.TotalSeconds) s. " +
            "First stdout line: '$line'. Exit code: $exitCode. Stderr: $errorText")
    }

    # Keep reading stdout, so request logging can never fill the pipe and stall the server.
    $stdout = $process.StandardOutput.ReadToEndAsync()

    $fake = [pscustomobject]@{
        PSTypeName = 'AcrWebhookEvents.Tests.FakeArm'
        ArmUrl = $info.armUrl
        ControlUrl = $info.controlUrl
        IdentityEndpoint = $info.identityEndpoint
        IdentityHeader = $info.identityHeader
        CaFile = $info.caFile
        Process = $process
        StandardOutput = $stdout
        StandardError = $stderr
    }
    $script:RunningFakes.Add($fake)
    return $fake
}

function Get-ExitCodeText {
    param([System.Diagnostics.Process] $Process)

    if ($Process.HasExited) {
        return [string] $Process.ExitCode
    }

    return 'still running'
}

function Stop-FakeProcess {
    # Closing stdin is the fake's signal to stop cleanly; a kill is only the fallback.
    param([System.Diagnostics.Process] $Process)

    try {
        if (-not $Process.HasExited) {
            $Process.StandardInput.Close()
            if (-not $Process.WaitForExit([int] $script:StopTimeout.TotalMilliseconds)) {
                $Process.Kill($true)
                $null = $Process.WaitForExit([int] $script:StopTimeout.TotalMilliseconds)
            }

        }

    }
    finally {
        $Process.Dispose()
    }

}

function Stop-FakeArm {
    <#
    .SYNOPSIS
        Stops a fake ARM server started by Start-FakeArm.
    .DESCRIPTION
        Closes its stdin, waits up to five seconds, then kills it. Also removes IDENTITY_ENDPOINT and
        IDENTITY_HEADER when Use-FakeArmIdentity pointed them at this fake. Accepts $null, so an AfterAll
        after a failed BeforeAll does not add a second error.
    .EXAMPLE
        AfterAll { Stop-FakeArm $fake }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipeline)]
        [AllowNull()]
        [psobject] $Fake
    )

    process {
        if (-not $Fake) {
            return
        }

        if ($env:IDENTITY_ENDPOINT -and $env:IDENTITY_ENDPOINT -eq $Fake.IdentityEndpoint) {
            Remove-Item -Path Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction Ignore
        }

        $null = $script:RunningFakes.Remove($Fake)
        Stop-FakeProcess -Process $Fake.Process
    }

}

function Invoke-FakeArmControl {
    # One call to the control API: plain http on loopback, JSON in and out, never through a proxy.
    param(
        [Parameter(Mandatory)] [psobject] $Fake,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [object] $Body
    )

    $parameters = @{
        Method = $Method
        Uri = $Fake.ControlUrl.TrimEnd('/') + '/' + $Path.TrimStart('/')
        NoProxy = $true
    }
    if ($null -ne $Body) {
        $parameters.Body = $Body | ConvertTo-Json -Compress -Depth 10
        $parameters.ContentType = 'application/json'
    }

    return Invoke-RestMethod @parameters
}

function Get-WebhookControlPath {
    param([string] $SubscriptionId, [string] $ResourceGroupName, [string] $RegistryName, [string] $WebhookName)

    $segments = $SubscriptionId, $ResourceGroupName, $RegistryName, $WebhookName |
        ForEach-Object { [Uri]::EscapeDataString($_) }
    return '_fake/webhooks/' + ($segments -join '/')
}

function Get-FakeArmRequest {
    <#
    .SYNOPSIS
        Returns what the fake has served since the last reset: total, byRoute, maxConcurrent, identityRequests,
        identityClientIds and the requests themselves.
    .EXAMPLE
        (Get-FakeArmRequest $fake).byRoute.ListEventsFirst
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Fake)

    return Invoke-FakeArmControl -Fake $Fake -Method Get -Path '_fake/requests'
}

function Reset-FakeArmLog {
    <#
    .SYNOPSIS
        Forgets the requests logged so far; the data stays.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Fake)

    $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path '_fake/reset-log'
}

function Reset-FakeArm {
    <#
    .SYNOPSIS
        Removes all data, tokens, failures and logged requests; with -Sample, seeds the sample data again.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Fake,

        [switch] $Sample
    )

    $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path '_fake/reset'
    if ($Sample) {
        $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path '_fake/seed-sample'
    }

}

function Set-FakeWebhook {
    <#
    .SYNOPSIS
        Creates or replaces a webhook (and its subscription, resource group and registry) holding EventCount events.
    .EXAMPLE
        Set-FakeWebhook $fake -SubscriptionId $sub -ResourceGroupName rg1 -RegistryName reg1 -WebhookName hook1 `
            -EventCount 250 -PageSize 50
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Fake,
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [Parameter(Mandatory)] [string] $ResourceGroupName,
        [Parameter(Mandatory)] [string] $RegistryName,
        [Parameter(Mandatory)] [string] $WebhookName,
        [Parameter(Mandatory)] [ValidateRange(0, [int]::MaxValue)] [int] $EventCount,
        [ValidateRange(1, [int]::MaxValue)] [int] $PageSize = 20,
        [ValidateRange(0, 600000)] [int] $LatencyMs = 0
    )

    $path = Get-WebhookControlPath $SubscriptionId $ResourceGroupName $RegistryName $WebhookName
    $body = @{ events = $EventCount; pageSize = $PageSize; latencyMs = $LatencyMs }
    $null = Invoke-FakeArmControl -Fake $Fake -Method Put -Path $path -Body $body
}

function Add-FakeWebhookEvent {
    <#
    .SYNOPSIS
        Appends Count new events to an existing webhook, as if the registry had sent them.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Fake,
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [Parameter(Mandatory)] [string] $ResourceGroupName,
        [Parameter(Mandatory)] [string] $RegistryName,
        [Parameter(Mandatory)] [string] $WebhookName,
        [ValidateRange(1, [int]::MaxValue)] [int] $Count = 1
    )

    $path = (Get-WebhookControlPath $SubscriptionId $ResourceGroupName $RegistryName $WebhookName) + '/append'
    $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path $path -Body @{ count = $Count }
}

function Remove-FakeWebhookEvent {
    <#
    .SYNOPSIS
        Makes a webhook forget all but its newest Keep events, as the service forgets old ones.
    .EXAMPLE
        Remove-FakeWebhookEvent $fake @hook -Keep 5
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Fake,
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [Parameter(Mandatory)] [string] $ResourceGroupName,
        [Parameter(Mandatory)] [string] $RegistryName,
        [Parameter(Mandatory)] [string] $WebhookName,
        [Parameter(Mandatory)] [ValidateRange(0, [int]::MaxValue)] [int] $Keep
    )

    $path = (Get-WebhookControlPath $SubscriptionId $ResourceGroupName $RegistryName $WebhookName) + '/expire'
    $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path $path -Body @{ keep = $Keep }
}

function Set-FakeWebhookFailure {
    <#
    .SYNOPSIS
        Makes the next Count requests for a webhook's events answer with StatusCode.
    .EXAMPLE
        Set-FakeWebhookFailure $fake @hook -Count 2 -StatusCode 503
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Fake,
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [Parameter(Mandatory)] [string] $ResourceGroupName,
        [Parameter(Mandatory)] [string] $RegistryName,
        [Parameter(Mandatory)] [string] $WebhookName,
        [ValidateRange(1, [int]::MaxValue)] [int] $Count = 1,
        [ValidateRange(400, 599)] [int] $StatusCode = 500
    )

    $path = (Get-WebhookControlPath $SubscriptionId $ResourceGroupName $RegistryName $WebhookName) + '/fail'
    $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path $path -Body @{ count = $Count; status = $StatusCode }
}

function Add-FakeArmToken {
    <#
    .SYNOPSIS
        Makes the fake accept Token as a bearer token, for tests that pass an access token directly.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Fake,
        [Parameter(Mandatory)] [string] $Token
    )

    $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path '_fake/tokens' -Body @{ token = $Token }
}

function Add-FakeSubscription {
    <#
    .SYNOPSIS
        Adds an empty subscription that the fake lists.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [psobject] $Fake,
        [Parameter(Mandatory)] [string] $SubscriptionId,
        [string] $DisplayName = $SubscriptionId
    )

    $body = @{ subscriptionId = $SubscriptionId; displayName = $DisplayName }
    $null = Invoke-FakeArmControl -Fake $Fake -Method Post -Path '_fake/subscriptions' -Body $body
}

function Wait-Until {
    <#
    .SYNOPSIS
        Polls a condition until it holds; throws after TimeoutSec. For states the fake or a background command
        reaches on its own: a generous bound instead of a blind sleep.
    .EXAMPLE
        Wait-Until { $output.Count -ge 7 }
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [scriptblock] $Condition,
        [ValidateRange(1, 600)] [int] $TimeoutSec = 20
    )

    $elapsed = [Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Condition)) {
        if ($elapsed.Elapsed.TotalSeconds -gt $TimeoutSec) {
            throw "Condition not reached within $TimeoutSec s: $Condition"
        }

        Start-Sleep -Milliseconds 20
    }

}

function Use-FakeArmIdentity {
    <#
    .SYNOPSIS
        Points managed identity in this process at the fake: sets IDENTITY_ENDPOINT and IDENTITY_HEADER.
    .DESCRIPTION
        The credential reads both variables when it is created, so setting them in a running process works.
        Stop-FakeArm removes them again. Tokens are cached per audience for the whole process.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [psobject] $Fake)

    $env:IDENTITY_ENDPOINT = $Fake.IdentityEndpoint
    $env:IDENTITY_HEADER = $Fake.IdentityHeader
}

function Invoke-ChildPwsh {
    <#
    .SYNOPSIS
        Runs a script in a fresh pwsh (the same one running the tests) and returns its exit code and output.
    .DESCRIPTION
        The child inherits this process's environment: SSL_CERT_FILE, the ACRWH_* variables and whatever the test
        set, such as IDENTITY_ENDPOINT. A child still running after TimeoutSec is killed and reported as such.
        Returns ExitCode, StandardOutput (an array of lines) and StandardError (text).
    .EXAMPLE
        $run = Invoke-ChildPwsh -File ./Invoke-CoexistenceCase.ps1 -ArgumentList '-Order', 'OursFirst'
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $File,
        [string[]] $ArgumentList = @(),
        [ValidateRange(1, 600)] [int] $TimeoutSec = 120
    )

    # Under 'dotnet pwsh' this process is dotnet and pwsh is a dll in $PSHOME; a native pwsh is its own executable.
    $processPath = [Environment]::ProcessPath
    $startInfo = [System.Diagnostics.ProcessStartInfo]::new($processPath)
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }

    foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList) {
        $startInfo.ArgumentList.Add($argument)
    }

    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    try {
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            $process.Kill($true)
            $null = $process.WaitForExit(5000)
            throw "The child pwsh running $File did not finish within $TimeoutSec s and was killed."
        }

        $process.WaitForExit()
        return [pscustomobject]@{
            ExitCode = $process.ExitCode
            StandardOutput = @($stdout.Result -split '\r?\n' | Where-Object { $_ })
            StandardError = $stderr.Result
        }
    }
    finally {
        $process.Dispose()
    }

}

# Safety net for a test file that forgets Stop-FakeArm, or a Remove-Module between files.
$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($fake in @($script:RunningFakes)) {
        Stop-FakeArm $fake
    }

}

Export-ModuleMember -Function @(
    'Assert-TestEnvironment'
    'Get-FakeArmSample'
    'Start-FakeArm'
    'Stop-FakeArm'
    'Get-FakeArmRequest'
    'Reset-FakeArmLog'
    'Reset-FakeArm'
    'Set-FakeWebhook'
    'Add-FakeWebhookEvent'
    'Remove-FakeWebhookEvent'
    'Set-FakeWebhookFailure'
    'Add-FakeArmToken'
    'Add-FakeSubscription'
    'Use-FakeArmIdentity'
    'Wait-Until'
    'Invoke-ChildPwsh'
)
