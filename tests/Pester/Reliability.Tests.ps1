# Get-AcrWebhookEvent under faults, hostile servers and bad input, through the published module and the fake ARM
# server's fault switches. Waits come from the fake (Retry-After: 0, x-ms-retry-after-ms: 10), so faults stay fast.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment
    Import-Module $env:ACRWH_MODULE_PATH

    $script:fake = Start-FakeArm -Sample
    $script:sample = Get-FakeArmSample
    $script:commandId = 'AcrWebhookEvents.Commands.GetAcrWebhookEventCommand'
    $script:connectId = 'AcrWebhookEvents.Commands.ConnectAcrAccountCommand'
    Use-FakeArmIdentity $fake

    function script:Connect-Fresh {
        # A distinct audience per connection: Azure.Identity caches managed-identity tokens per audience, process-wide.
        param([int] $TimeoutSec = 30)

        $audience = '{0}reliability-{1}/.default' -f $fake.ArmUrl, [guid]::NewGuid().ToString('N')
        Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl -Audience $audience -TimeoutSec $TimeoutSec |
            Out-Null
    }

    function script:New-Hook {
        # A webhook of its own for one test, so request counts and faults are not shared.
        param([int] $EventCount = 45, [int] $PageSize = 20)

        $name = 'hook' + [guid]::NewGuid().ToString('N').Substring(0, 12)
        Set-FakeWebhook $fake -SubscriptionId $sample.SubscriptionId -ResourceGroupName $sample.ResourceGroupName `
            -RegistryName $sample.RegistryName -WebhookName $name -EventCount $EventCount -PageSize $PageSize
        return @{ ResourceGroupName = $sample.ResourceGroupName; RegistryName = $sample.RegistryName; WebhookName = $name }
    }

    function script:Add-Fault {
        # Queues a fault on the fake for one webhook: Kind Status|Reset|Hang|Stall|Revoke|Body;
        # see tests/FakeArm/FaultPlan.cs.
        param([hashtable] $Hook, [hashtable] $Fault)

        $path = '_fake/webhooks/{0}/{1}/{2}/{3}/fault' -f $sample.SubscriptionId, $Hook.ResourceGroupName,
            $Hook.RegistryName, $Hook.WebhookName
        $null = Invoke-RestMethod -Method Post -Uri ($fake.ControlUrl.TrimEnd('/') + '/' + $path) -NoProxy `
            -ContentType 'application/json' -Body ($Fault | ConvertTo-Json -Compress)
    }

    function script:Get-HookRequest {
        param([hashtable] $Hook)

        return @((Get-FakeArmRequest $fake).requests | Where-Object webhook -eq $Hook.WebhookName)
    }

    Connect-Fresh
}

AfterAll {
    Disconnect-AcrAccount
    Stop-FakeArm $script:fake
}

Describe 'Get-AcrWebhookEvent reliability' {
    BeforeEach {
        Connect-Fresh
    }

    Context 'Throttling and transient faults' {
        It 'waits out a burst of 429s as ARM asks, says so in -Verbose with the write budget, and loses nothing' {
            $hook = New-Hook
            Add-Fault $hook @{ kind = 'Status'; status = 429; retryAfterMs = '10'; count = 2 }

            $output = @(Get-AcrWebhookEvent @hook -Verbose 4>&1)

            $events = @($output | Where-Object { $_ -is [AcrWebhookEvents.AcrWebhookEvent] })
            $events.Count | Should -Be 45
            @($events.Id | Select-Object -Unique).Count | Should -Be 45
            $waits = @($output | Where-Object { $_ -is [Management.Automation.VerboseRecord] -and $_.Message -match 'waiting' })
            $waits.Count | Should -Be 2
            $waits[0].Message | Should -Match 'ARM answered 429 .* try 1 of 4; waiting 0\.01 s as ARM asked'
            $waits[0].Message | Should -Match 'remaining write budget for the subscription: \d+'
        }

        It 'refuses to wait a day for a Retry-After of 86400 and says the write budget is spent' {
            $hook = New-Hook -EventCount 3
            Add-Fault $hook @{ kind = 'Status'; status = 429; retryAfter = '86400'; count = 5 }
            $stopwatch = [Diagnostics.Stopwatch]::StartNew()

            $events = @(Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures)

            $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 10
            $events.Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "Throttled,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $failures[0].Exception.Message | Should -Match '86400 s'
            $failures[0].Exception.Message | Should -Match 'write throttling'
            @(Get-HookRequest $hook).Count | Should -Be 1
        }

        It 'retries 5xx answers and writes each event once' {
            $hook = New-Hook
            Add-Fault $hook @{ kind = 'Status'; status = 503; retryAfter = '0'; count = 2; after = 1 }

            $events = @(Get-AcrWebhookEvent @hook)

            $events.Count | Should -Be 45
            @($events.Id | Select-Object -Unique).Count | Should -Be 45
        }

        It 'retries a page whose connection broke in the middle of its body, without duplicates' {
            $hook = New-Hook
            Add-Fault $hook @{ kind = 'Reset'; after = 1 }

            $events = @(Get-AcrWebhookEvent @hook)

            $events.Count | Should -Be 45
            @($events.Id | Select-Object -Unique).Count | Should -Be 45
            @(Get-HookRequest $hook | Where-Object route -eq 'ListEventsNext').Count | Should -Be 3
        }
    }

    Context 'Timeouts and stops' {
        It 'reports a silent server as a timeout within -TimeoutSec, saying how long it waited' {
            Connect-Fresh -TimeoutSec 1
            $hook = New-Hook -EventCount 3
            Add-Fault $hook @{ kind = 'Hang'; count = 5 }

            $null = Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "RequestTimedOut,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $failures[0].Exception.Message | Should -Match 'network timeout of 1 s on 2 tries \([\d.]+ s waited in all\)'
            $failures[0].TargetObject.WebhookName | Should -Be $hook.WebhookName
        }

        It 'stops a request in flight on Ctrl+C within a second or so, and sends nothing after' {
            $hook = New-Hook -EventCount 3
            Add-Fault $hook @{ kind = 'Hang'; count = 5 }
            Reset-FakeArmLog $fake
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript({
                        param($ModulePath, $Hook)
                        Import-Module $ModulePath
                        Get-AcrWebhookEvent @Hook
                    }).AddArgument($env:ACRWH_MODULE_PATH).AddArgument($hook)
                $running = $shell.BeginInvoke()
                Wait-Until { (Get-FakeArmRequest $fake).inFlight -ge 1 }

                $stopwatch = [Diagnostics.Stopwatch]::StartNew()
                $shell.Stop()
                $stopwatch.Elapsed.TotalSeconds | Should -BeLessThan 5

                $running.IsCompleted | Should -BeTrue
                $shell.InvocationStateInfo.State | Should -Be 'Stopped'
                Wait-Until { (Get-FakeArmRequest $fake).inFlight -eq 0 }
                (Get-FakeArmRequest $fake).total | Should -Be 1
                $shell.Streams.Error.Count | Should -Be 0
            }
            finally {
                $shell.Dispose()
            }

        }
    }

    Context 'Hostile or broken pages' {
        It 'reports a page that is not JSON as InvalidData naming webhook and page, after the earlier pages' {
            $hook = New-Hook
            Add-Fault $hook @{ kind = 'Body'; body = '{"value": [ {"id": "a"}, '; after = 1 }

            $events = @(Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures)

            $events.Count | Should -Be 20
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidResponse,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
            $failures[0].Exception.Message | Should -BeLike "Page 2 of webhook demoregistry/$($hook.WebhookName) *"
            $failures[0].TargetObject.WebhookName | Should -Be $hook.WebhookName
        }

        It 'reports <Name> as InvalidData' -ForEach @(
            @{ Name = 'a value that is not an array'; Body = '{"value": {"id": "x"}}' }
            @{ Name = 'an event that is not an object'; Body = '{"value": ["x"]}' }
        ) {
            $hook = New-Hook -EventCount 3
            Add-Fault $hook @{ kind = 'Body'; body = $Body }

            $null = Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures

            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidResponse,$commandId"
        }

        It 'reads odd but valid events leniently' {
            $hook = New-Hook -EventCount 3
            $odd = '{"value": [null, {"id": "odd", "surprise": {"a": 1}, "eventRequestMessage": {"content": ' +
                '{"action": "push", "target": "x", "actor": 5, "timestamp": "2024-05-01T10:00:00.123456789+02:00"}}, ' +
                '"eventResponseMessage": {"statusCode": 500}}], "nextLink": null}'
            Add-Fault $hook @{ kind = 'Body'; body = $odd }

            $events = @(Get-AcrWebhookEvent @hook -ErrorVariable failures)

            $failures.Count | Should -Be 0
            $events.Count | Should -Be 1
            $events[0].Id | Should -Be 'odd'
            $events[0].StatusCode | Should -Be 500
            $expected = [DateTimeOffset]::new(2024, 5, 1, 8, 0, 0, [TimeSpan]::Zero).AddTicks(1234567)
            ($events[0].Timestamp - $expected).Duration().TotalMilliseconds | Should -BeLessThan 1
            $events[0].Timestamp.Offset | Should -Be ([TimeSpan]::Zero)
        }

        It 'follows no nextLink to <Name>, and nothing reaches it' -ForEach @(
            @{ Name = 'another HTTPS port with a trusted certificate'; Target = 'decoy' }
            @{ Name = 'the control port over plain http'; Target = 'control' }
            @{ Name = 'another host name on the ARM port'; Target = 'localhost' }
        ) {
            $hook = New-Hook -EventCount 3
            $arm = [uri] $fake.ArmUrl
            $base = switch ($Target) {
                'decoy' { (Get-FakeArmRequest $fake).decoyUrl }
                'control' { $fake.ControlUrl }
                default { "https://localhost:$($arm.Port)/" }
            }
            $link = $base + "subscriptions/$($sample.SubscriptionId)/listEvents?api-version=2023-01-01-preview&code=SECRET"
            Add-Fault $hook @{ kind = 'Body'; body = (@{ value = @(@{ id = 'first' }); nextLink = $link } | ConvertTo-Json -Compress) }
            Reset-FakeArmLog $fake

            $events = @(Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures)

            $events.Id | Should -Be 'first'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "UnsafeNextLink,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be 'SecurityError'
            $failures[0].Exception.Message | Should -Not -Match 'SECRET'
            $log = Get-FakeArmRequest $fake
            $log.total | Should -Be 1
            $log.decoyRequests | Should -Be 0
            $log.strayRequests | Should -Be 0
            $log.leakedTokens | Should -Be 0
        }

        It 'stops on a nextLink that repeats one already followed instead of looping' {
            $hook = New-Hook
            Add-Fault $hook @{ kind = 'Body'; body = '{"value": [], "nextLink": "{self}"}'; after = 1; count = 50 }

            $events = @(Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures)

            $events.Count | Should -Be 20
            $failures[0].FullyQualifiedErrorId | Should -Be "UnsafeNextLink,$commandId"
            $failures[0].Exception.Message | Should -Match 'repeats a nextLink'
            @(Get-HookRequest $hook).Count | Should -Be 2
        }
    }

    Context 'Tokens that expire in the middle of paging' {
        It 'gets a fresh token from the managed identity and retries the page once' {
            $hook = New-Hook
            Add-Fault $hook @{ kind = 'Revoke'; after = 1 }
            $before = (Get-FakeArmRequest $fake).identityRequests

            $events = @(Get-AcrWebhookEvent @hook -ErrorVariable failures)

            $failures.Count | Should -Be 0
            $events.Count | Should -Be 45
            @($events.Id | Select-Object -Unique).Count | Should -Be 45
            (Get-FakeArmRequest $fake).identityRequests | Should -Be ($before + 1)
        }

        It 'says a static -AccessToken expired and how to get a new one' {
            $token = 'static-' + [guid]::NewGuid().ToString('N')
            Add-FakeArmToken $fake -Token $token
            Connect-AcrAccount -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) `
                -ResourceManagerUrl $fake.ArmUrl -SubscriptionId $sample.SubscriptionId | Out-Null
            $hook = New-Hook
            Add-Fault $hook @{ kind = 'Revoke'; after = 1 }

            $output = @(Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures -Verbose -Debug *>&1)

            @($output | Where-Object { $_ -is [AcrWebhookEvents.AcrWebhookEvent] }).Count | Should -Be 20
            $failures[0].FullyQualifiedErrorId | Should -Be "AuthenticationFailed,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $failures[0].Exception.Message | Should -Match 'cannot be refreshed'
            $failures[0].Exception.Message | Should -Match 'Get-AzAccessToken'
            ($output | Out-String -Width 400) | Should -Not -Match $token
            ($failures | Out-String -Width 400) | Should -Not -Match $token
            $failures[0].Exception.ToString() | Should -Not -Match $token
        }
    }

    Context 'Errors people can act on' {
        It 'maps ARM <Status> to <Id> / <Category> with ARM''s code and correlation ID, targeting the webhook' -ForEach @(
            @{ Status = 400; Id = 'InvalidRequest'; Category = 'InvalidArgument'; Code = 'BadRequest' }
            @{ Status = 401; Id = 'AuthenticationFailed'; Category = 'AuthenticationError'; Code = 'InvalidAuthenticationToken' }
            @{ Status = 403; Id = 'PermissionDenied'; Category = 'PermissionDenied'; Code = 'AuthorizationFailed' }
            @{ Status = 404; Id = 'ResourceNotFound'; Category = 'ObjectNotFound'; Code = 'ResourceNotFound' }
            @{ Status = 409; Id = 'InvalidRequest'; Category = 'InvalidArgument'; Code = 'Conflict' }
        ) {
            $hook = New-Hook -EventCount 3
            # Twice: a 401 is retried once with a fresh token before it counts.
            Add-Fault $hook @{ kind = 'Status'; status = $Status; count = 2 }

            $null = Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$Id,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be $Category
            $failures[0].Exception | Should -BeOfType ([AcrWebhookEvents.AcrRequestException])
            $failures[0].Exception.Status | Should -Be $Status
            $failures[0].Exception.ErrorCode | Should -Be $Code
            $failures[0].Exception.CorrelationId | Should -Not -BeNullOrEmpty
            $failures[0].TargetObject | Should -BeOfType ([AcrWebhookEvents.WebhookAddress])
            $failures[0].TargetObject.WebhookName | Should -Be $hook.WebhookName
        }

        It 'says the Reader role lacks the listEvents action on a 403' {
            $hook = New-Hook -EventCount 3
            Add-Fault $hook @{ kind = 'Status'; status = 403 }

            $null = Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures

            $failures[0].Exception.Message | Should -Match 'listEvents/action'
            $failures[0].Exception.Message | Should -Match 'Reader role lacks'
        }

        It 'reports persistent 5xx answers as ServiceError after the retries' {
            $hook = New-Hook -EventCount 3
            Add-Fault $hook @{ kind = 'Status'; status = 503; retryAfter = '0'; count = 10 }

            $null = Get-AcrWebhookEvent @hook -ErrorAction SilentlyContinue -ErrorVariable failures

            $failures[0].FullyQualifiedErrorId | Should -Be "ServiceError,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $failures[0].Exception.Message | Should -Match 'try 4'
            @(Get-HookRequest $hook).Count | Should -Be 4
        }

        It 'goes on with the next piped webhook after one fails, and stops cleanly with -ErrorAction Stop' {
            $bad = New-Hook -EventCount 3
            $good = New-Hook -EventCount 7
            Add-Fault $bad @{ kind = 'Status'; status = 403; count = 5 }
            $inputs = @([pscustomobject] $bad, [pscustomobject] $good)

            $events = @($inputs | Get-AcrWebhookEvent -ErrorAction SilentlyContinue -ErrorVariable failures)
            $events.Count | Should -Be 7
            $failures.Count | Should -Be 1

            # One at a time, so that the good webhook's turn comes only after the failure stopped the command.
            Reset-FakeArmLog $fake
            { $inputs | Get-AcrWebhookEvent -ThrottleLimit 1 -ErrorAction Stop } |
                Should -Throw -ErrorId "PermissionDenied,$commandId"
            @(Get-HookRequest $good).Count | Should -Be 0
        }

        It 'says which credentials were tried and what to do when the default chain finds none' {
            $env:AZURE_TOKEN_CREDENTIALS | Should -Be 'dev' -Because 'build.ps1 sets it so the default chain fails fast'

            { Connect-AcrAccount -ResourceManagerUrl $fake.ArmUrl -ErrorAction Stop } |
                Should -Throw -ErrorId "AuthenticationFailed,$connectId" -ExpectedMessage '*AzureCliCredential*Connect-AcrAccount*'
        }
    }

    Context 'Secrets' {
        It 'never shows an -AccessToken or bearer token in any stream, -Debug HTTP log included' {
            $token = 'secret-' + [guid]::NewGuid().ToString('N')
            Add-FakeArmToken $fake -Token $token
            Connect-AcrAccount -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) `
                -ResourceManagerUrl $fake.ArmUrl -SubscriptionId $sample.SubscriptionId | Out-Null
            $hook = New-Hook -EventCount 25
            Add-Fault $hook @{ kind = 'Status'; status = 503; retryAfter = '0'; after = 1 }

            $output = @(Get-AcrWebhookEvent @hook -Verbose -Debug *>&1)
            $text = ($output | Out-String -Width 400) + (Get-AcrContext | Format-List * | Out-String -Width 400) +
                (Get-AcrContext).ToString()

            $debug = @($output | Where-Object { $_ -is [Management.Automation.DebugRecord] })
            @($debug | Where-Object Message -like 'HTTP request: *').Count | Should -Be 3
            $debug[0].Message | Should -Match 'Authorization: REDACTED'
            $debug[0].Message | Should -Match 'api-version=2023-01-01-preview'
            $text | Should -Not -Match $token
            $text | Should -Not -Match 'Bearer [A-Za-z0-9]'
        }

        It 'keeps recorded custom headers masked in the -Debug log and output unless -ShowSecret' {
            $hook = @{ ResourceGroupName = $sample.ResourceGroupName; RegistryName = $sample.RegistryName; WebhookName = 'deployhook' }

            $text = Get-AcrWebhookEvent @hook -Debug -Verbose *>&1 | Format-List * | Out-String -Width 400

            $text | Should -Not -Match 'key-[0-9a-f-]*-secret'
            $text | Should -Not -Match 'code=SECRET'
        }
    }

    Context 'Bad input, refused before any request' {
        BeforeAll {
            $script:goodId = '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.ContainerRegistry/registries/{2}/webhooks/buildhook' -f
                $sample.SubscriptionId, $sample.ResourceGroupName, $sample.RegistryName
        }

        BeforeEach {
            Reset-FakeArmLog $fake
        }

        It 'refuses <Name>' -ForEach @(
            @{ Name = 'an empty registry name'; Arguments = @{ ResourceGroupName = 'rg'; RegistryName = ''; WebhookName = 'buildhook' } }
            @{ Name = 'a 51-character webhook name'; Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'a' * 51 } }
            @{ Name = 'a webhook name with a path'; Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'hook/../x' } }
            @{ Name = 'a webhook name with non-ASCII letters'; Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'hööks' } }
            @{ Name = 'a resource group of 91 characters'; Arguments = @{ ResourceGroupName = 'r' * 91; RegistryName = 'demoregistry'; WebhookName = 'buildhook' } }
            @{ Name = 'a resource group with a slash'; Arguments = @{ ResourceGroupName = 'rg/x'; RegistryName = 'demoregistry'; WebhookName = 'buildhook' } }
            @{ Name = 'a GUID without hyphens'; Arguments = @{ SubscriptionId = '11111111222233334444555555555555'; ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'buildhook' } }
            @{ Name = 'a GUID in braces'; Arguments = @{ SubscriptionId = '{11111111-2222-3333-4444-555555555555}'; ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'buildhook' } }
            @{ Name = 'an api-version with a time'; Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'buildhook'; ApiVersion = '2023-01-01T00:00' } }
            @{ Name = 'an api-version that is not preview'; Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'buildhook'; ApiVersion = '2023-01-01-beta' } }
            @{ Name = 'a resource ID of another provider'; Arguments = @{ ResourceId = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Web/sites/demoregistry/webhooks/buildhook' } }
            @{ Name = 'a resource ID with an extra segment'; Arguments = @{ ResourceId = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/demoregistry/webhooks/buildhook/extra' } }
            @{ Name = 'a resource ID with a bad subscription'; Arguments = @{ ResourceId = '/subscriptions/nope/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/demoregistry/webhooks/buildhook' } }
            @{ Name = 'a URL instead of a resource ID'; Arguments = @{ ResourceId = 'https://management.azure.com/subscriptions/11111111-2222-3333-4444-555555555555' } }
        ) {
            { Get-AcrWebhookEvent @Arguments } |
                Should -Throw -ErrorId "ParameterArgumentValidationError,$commandId"
            (Get-FakeArmRequest $fake).total | Should -Be 0
        }

        It 'refuses a piped object missing <Name>' -ForEach @(
            @{ Name = 'RegistryName beside a WebhookName'; Object = @{ ResourceGroupName = 'rg'; WebhookName = 'buildhook' }; Id = 'WebhookNameWithoutRegistry' }
            @{ Name = 'every property'; Object = @{ Something = 'else' }; Id = 'InputObjectNotBound' }
        ) {
            $null = [pscustomobject] $Object | Get-AcrWebhookEvent -ErrorAction SilentlyContinue -ErrorVariable failures

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$Id,$commandId"
            (Get-FakeArmRequest $fake).total | Should -Be 0
        }

        It 'refuses a piped object whose Id is not a webhook, and goes on with the next' {
            $inputs = @([pscustomobject] @{ Id = '/subscriptions/x' }, [pscustomobject] @{ Id = $goodId })

            $events = @($inputs | Get-AcrWebhookEvent -ErrorAction SilentlyContinue -ErrorVariable failures)

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,$commandId"
            $events.Count | Should -Be $sample.Webhooks['buildhook']
        }
    }
}
