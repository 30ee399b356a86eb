# Get-AcrWebhookEvent against the fake ARM server, signed in with a managed identity as a runbook would be.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment
    Import-Module $env:ACRWH_MODULE_PATH

    $script:fake = Start-FakeArm -Sample
    $script:sample = Get-FakeArmSample
    Use-FakeArmIdentity $fake
    Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl | Out-Null

    $script:hook = @{
        ResourceGroupName = $sample.ResourceGroupName
        RegistryName = $sample.RegistryName
    }
    $script:buildHookId = '/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.ContainerRegistry/registries/{2}/webhooks/buildhook' -f
        $sample.SubscriptionId, $sample.ResourceGroupName, $sample.RegistryName
    $script:commandId = 'AcrWebhookEvents.Commands.GetAcrWebhookEventCommand'
}

AfterAll {
    Disconnect-AcrAccount
    Stop-FakeArm $script:fake
}

Describe 'Get-AcrWebhookEvent' {
    Context 'Paging' {
        BeforeAll {
            Reset-FakeArmLog $fake
            $script:events = @(Get-AcrWebhookEvent @hook -WebhookName buildhook)
            $script:requests = Get-FakeArmRequest $fake
        }

        It 'writes every event of a multi-page webhook' {
            $events.Count | Should -Be $sample.Webhooks['buildhook']
            @($events.Id | Select-Object -Unique).Count | Should -Be $events.Count
        }

        It 'sends one POST and then one GET per further page' {
            $pages = [math]::Ceiling($sample.Webhooks['buildhook'] / $sample.PageSize)
            $requests.byRoute.ListEventsFirst | Should -Be 1
            $requests.byRoute.ListEventsNext | Should -Be ($pages - 1)
            $requests.total | Should -Be $pages
        }

        It 'names the module and its version in the User-Agent, which ARM''s request logs show' {
            $version = (Get-Module AcrWebhookEvents).Version.ToString(3)
            $expected = "^AcrWebhookEvents/$([regex]::Escape($version)) azsdk-net"
            $requests.requests | ForEach-Object { $_.userAgent | Should -Match $expected }
        }

        It 'writes typed events with a UTC timestamp and the webhook they came from' {
            $events[0] | Should -BeOfType ([AcrWebhookEvents.AcrWebhookEvent])
            $events[0].Timestamp | Should -BeOfType ([DateTimeOffset])
            $events | ForEach-Object { $_.Timestamp.Offset | Should -Be ([TimeSpan]::Zero) }
            $events | ForEach-Object { $_.WebhookName | Should -Be 'buildhook' }
            $events | ForEach-Object { $_.SubscriptionId | Should -Be $sample.SubscriptionId }
        }

        It 'keeps the service order, newest first' {
            $sorted = $events | Sort-Object Timestamp -Descending
            ($sorted.Id -join ',') | Should -Be ($events.Id -join ',')
        }

        It 'writes an empty result, not an error, for a webhook without events' {
            $none = @(Get-AcrWebhookEvent @hook -WebhookName audithook -ErrorVariable failures)
            $none.Count | Should -Be 0
            $failures.Count | Should -Be 0
        }
    }

    Context 'Filtering with Where-Object' {
        BeforeAll {
            $script:events = @(Get-AcrWebhookEvent @hook -WebhookName buildhook)
        }

        It 'filters on Action directly' {
            $pushes = @($events | Where-Object Action -eq 'push')
            $pushes.Count | Should -BeGreaterThan 0
            $pushes.Count | Should -BeLessThan $events.Count
            $pushes | ForEach-Object { $_.EventRequestMessage.Content.Action | Should -Be 'push' }
        }

        It 'filters on Tag with wildcards' {
            $v1 = @($events | Where-Object Tag -like 'v1*')
            $v1.Count | Should -BeGreaterThan 0
            $v1 | ForEach-Object { $_.EventRequestMessage.Content.Target.Tag | Should -BeLike 'v1*' }
        }

        It 'tells failed deliveries apart: no answer has a null StatusCode, errors have 400 or more' {
            $failed = @($events | Where-Object Failed)
            $failed.Count | Should -BeGreaterThan 0
            @($failed | Where-Object { $null -eq $_.StatusCode }).Count | Should -BeGreaterThan 0
            @($failed | Where-Object StatusCode -ge 400).Count | Should -BeGreaterThan 0
            @($events | Where-Object StatusCode -eq 200).Count | Should -Be ($events.Count - $failed.Count)
        }

        It 'groups by repository' {
            $groups = @($events | Group-Object Repository)
            $groups.Count | Should -BeGreaterThan 1
            ($groups | Measure-Object Count -Sum).Sum | Should -Be $events.Count
        }

        It 'offers the Delivery property set for flat reports' {
            $row = $events[0] | Select-Object Delivery
            @($row.PSObject.Properties.Name) | Should -Be @(
                'Timestamp', 'Action', 'Repository', 'Tag', 'Digest', 'StatusCode', 'Failed', 'RegistryName', 'WebhookName', 'Id')
        }

        It 'exports readable CSV rows' {
            $csv = $events | Select-Object -First 3 | ConvertTo-Csv -NoTypeInformation
            $csv[0] | Should -Match '"Timestamp"'
            $csv[1] | Should -Not -Match 'AcrWebhookEvents\.EventRequestMessage'
        }
    }

    Context 'Input' {
        It 'takes a webhook resource ID' {
            Reset-FakeArmLog $fake
            @(Get-AcrWebhookEvent -ResourceId $buildHookId).Count | Should -Be $sample.Webhooks['buildhook']
        }

        It 'takes objects with an Id property from the pipeline' {
            $deploy = $buildHookId -replace 'buildhook$', 'deployhook'
            $events = @([pscustomobject]@{ Id = $deploy } | Get-AcrWebhookEvent)
            $events.Count | Should -Be $sample.Webhooks['deployhook']
            $events | ForEach-Object { $_.WebhookName | Should -Be 'deployhook' }
        }

        It 'takes names from the pipeline by property name' {
            $record = [pscustomobject]@{
                ResourceGroupName = $sample.ResourceGroupName
                RegistryName = $sample.RegistryName
                WebhookName = 'deployhook'
            }
            @($record | Get-AcrWebhookEvent).Count | Should -Be $sample.Webhooks['deployhook']
        }
    }

    Context 'Validation before any request' {
        BeforeEach {
            Reset-FakeArmLog $fake
        }

        It 'rejects <Name> with a message naming the rule' -ForEach @(
            @{
                Name = 'a short registry name'
                Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'abc'; WebhookName = 'buildhook' }
                Rule = '5 to 50'
            }
            @{
                Name = 'a registry name with a hyphen'
                Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demo-registry'; WebhookName = 'buildhook' }
                Rule = 'letters'
            }
            @{
                Name = 'a webhook name with a space'
                Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'build hook' }
                Rule = 'webhook name'
            }
            @{
                Name = 'a resource group ending in a period'
                Arguments = @{ ResourceGroupName = 'rg.'; RegistryName = 'demoregistry'; WebhookName = 'buildhook' }
                Rule = 'period'
            }
            @{
                Name = 'a subscription that is not a GUID'
                Arguments = @{ SubscriptionId = 'my-sub'; ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'buildhook' }
                Rule = 'GUID'
            }
            @{
                Name = 'an api-version of the wrong form'
                Arguments = @{ ResourceGroupName = 'rg'; RegistryName = 'demoregistry'; WebhookName = 'buildhook'; ApiVersion = 'latest' }
                Rule = 'yyyy-MM-dd'
            }
            @{
                Name = 'the resource ID of something else'
                Arguments = @{ ResourceId = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Web/sites/demoregistry' }
                Rule = 'webhook or registry resource ID'
            }
        ) {
            { Get-AcrWebhookEvent @Arguments } |
                Should -Throw -ErrorId "ParameterArgumentValidationError,$commandId" -ExpectedMessage "*$Rule*"
            (Get-FakeArmRequest $fake).total | Should -Be 0
        }
    }

    Context 'Errors' {
        It 'reports an unknown webhook as ObjectNotFound with ARM''s code and message, targeting the webhook' {
            $events = @(Get-AcrWebhookEvent @hook -WebhookName nosuchhook -ErrorAction SilentlyContinue -ErrorVariable failures)
            $events.Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "ResourceNotFound,$commandId"
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].Exception | Should -BeOfType ([AcrWebhookEvents.AcrRequestException])
            $failures[0].Exception.ErrorCode | Should -Be 'ResourceNotFound'
            $failures[0].Exception.Message | Should -BeLike '*nosuchhook*was not found*'
            $failures[0].Exception.CorrelationId | Should -Not -BeNullOrEmpty
            $failures[0].TargetObject.WebhookName | Should -Be 'nosuchhook'
        }

        It 'goes on with the next piped webhook after one fails' {
            $ids = @(($buildHookId -replace 'buildhook$', 'nosuchhook'), ($buildHookId -replace 'buildhook$', 'deployhook'))
            $events = @($ids | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
                Get-AcrWebhookEvent -ErrorAction SilentlyContinue -ErrorVariable failures)
            $failures.Count | Should -Be 1
            $events.Count | Should -Be $sample.Webhooks['deployhook']
        }

        It 'stops cleanly with -ErrorAction Stop' {
            { Get-AcrWebhookEvent @hook -WebhookName nosuchhook -ErrorAction Stop } |
                Should -Throw -ErrorId "ResourceNotFound,$commandId"
        }
    }

    Context 'Secrets and logging' {
        It 'masks recorded custom headers and callback URL keys by default' {
            $event = Get-AcrWebhookEvent @hook -WebhookName deployhook | Select-Object -First 1
            $event.EventRequestMessage.Headers['X-Api-Key'] | Should -Be '******'
            $event.EventRequestMessage.RequestUri | Should -Not -Match 'SECRET'
            ($event | ConvertTo-Json -Depth 10) | Should -Not -Match 'secret'
        }

        It 'shows them with -ShowSecret' {
            $event = Get-AcrWebhookEvent @hook -WebhookName deployhook -ShowSecret | Select-Object -First 1
            $event.EventRequestMessage.Headers['X-Api-Key'] | Should -BeLike 'key-*-secret'
            $event.EventRequestMessage.RequestUri | Should -Match 'code=SECRET-'
        }

        It 'says each request in -Verbose with page, event count and correlation id, and no token' {
            $verbose = @(Get-AcrWebhookEvent @hook -WebhookName buildhook -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
            $verbose.Count | Should -Be 3
            $verbose[0].Message | Should -Match '^POST .*/webhooks/buildhook/listEvents -> 200: page 1 of demoregistry/buildhook, 20 events'
            $verbose[0].Message | Should -Match 'correlation ID [0-9a-f-]{36}'
            $verbose[2].Message | Should -Match '^GET .* page 3 .*, 5 events'
            ($verbose.Message -join "`n") | Should -Not -Match 'fake-[0-9a-f]{8}'
        }
    }
}
