# Many webhooks at once: fan-out, filters, paging and early stop, watching, raw output and views.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment
    Import-Module $env:ACRWH_MODULE_PATH

    $script:fake = Start-FakeArm -Sample
    $script:sample = Get-FakeArmSample
    Use-FakeArmIdentity $fake
    Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl | Out-Null

    # A registry of its own with 20 slow webhooks of 3 pages each.
    $script:fan = @{ SubscriptionId = $sample.SubscriptionId; ResourceGroupName = 'fan-rg'; RegistryName = 'fanregistry' }
    $script:fanHooks = 1..20 | ForEach-Object { 'fanhook{0:D2}' -f $_ }
    foreach ($name in $fanHooks) {
        Set-FakeWebhook $fake @fan -WebhookName $name -EventCount 50 -PageSize 20 -LatencyMs 150
    }

    $script:demo = @{ ResourceGroupName = $sample.ResourceGroupName; RegistryName = $sample.RegistryName }
    $script:commandId = 'AcrWebhookEvents.Commands.GetAcrWebhookEventCommand'
}

AfterAll {
    Disconnect-AcrAccount
    Stop-FakeArm $script:fake
}

Describe 'Get-AcrWebhookEvent over many webhooks' {
    Context 'Fan-out' {
        BeforeAll {
            Reset-FakeArmLog $fake
            $script:events = @(Get-AcrWebhookEvent -ResourceGroupName fan-rg -RegistryName fanregistry)
            $script:requests = Get-FakeArmRequest $fake
        }

        It 'reads every webhook of the registry' {
            $events.Count | Should -Be (20 * 50)
            @($events.WebhookName | Sort-Object -Unique) | Should -Be $fanHooks
        }

        It 'lists the webhooks once, then reads each webhook''s pages' {
            $requests.byRoute.WebhookList | Should -Be 1
            $requests.byRoute.ListEventsFirst | Should -Be 20
            $requests.byRoute.ListEventsNext | Should -Be 40
        }

        It 'overlaps requests up to the default throttle limit of 10, and no further' {
            $requests.maxConcurrent | Should -BeGreaterOrEqual 8
            $requests.maxConcurrent | Should -BeLessOrEqual 10
        }

        It 'keeps each webhook''s own order' {
            foreach ($group in ($events | Group-Object WebhookName)) {
                $times = @($group.Group.Timestamp)
                $sorted = @($times | Sort-Object -Descending)
                ($times -join ',') | Should -Be ($sorted -join ',')
            }
        }

        It 'shows progress as webhooks done out of the total, and completes it' {
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript({
                        param($ModulePath)
                        Import-Module $ModulePath
                        Get-AcrWebhookEvent -ResourceGroupName fan-rg -RegistryName fanregistry | Out-Null
                    }).AddArgument($env:ACRWH_MODULE_PATH)
                $null = $shell.Invoke()
                $progress = @($shell.Streams.Progress)
            }
            finally {
                $shell.Dispose()
            }

            $progress.Count | Should -BeGreaterThan 1
            $progress[0].Activity | Should -Be 'Reading webhook events'
            $running = @($progress | Select-Object -SkipLast 1)
            ($running.StatusDescription -join ',') | Should -Be ((1..20 | ForEach-Object { "$_ of 20 webhooks" }) -join ',')
            $running[-1].PercentComplete | Should -Be 100
            $progress[-1].RecordType | Should -Be 'Completed'
        }

        It 'honours -ThrottleLimit' {
            Reset-FakeArmLog $fake
            $null = Get-AcrWebhookEvent -ResourceGroupName fan-rg -RegistryName fanregistry -ThrottleLimit 3
            (Get-FakeArmRequest $fake).maxConcurrent | Should -BeLessOrEqual 3
        }

        It 'finds the registry in the subscription when no resource group is given' {
            @(Get-AcrWebhookEvent -RegistryName demoregistry).Count |
                Should -Be ($sample.Webhooks.Values | Measure-Object -Sum).Sum
        }

        It 'reads a whole resource group' {
            $events = @(Get-AcrWebhookEvent -ResourceGroupName $sample.OtherResourceGroupName)
            $events.Count | Should -Be $sample.OtherWebhooks['mirrorhook']
        }

        It 'reads every webhook of a registry given by resource ID, as Get-AzContainerRegistry would pipe it' {
            $registryId = "/subscriptions/$($sample.SubscriptionId)/resourceGroups/demo-rg/providers/Microsoft.ContainerRegistry/registries/demoregistry"
            @([pscustomobject]@{ Id = $registryId; Name = 'demoregistry' } | Get-AcrWebhookEvent).Count |
                Should -Be ($sample.Webhooks.Values | Measure-Object -Sum).Sum
        }

        It 'reports one failing webhook by name and completes the others' {
            Set-FakeWebhookFailure $fake @fan -WebhookName fanhook07 -Count 1 -StatusCode 403
            $events = @(Get-AcrWebhookEvent -ResourceGroupName fan-rg -RegistryName fanregistry -ErrorVariable failures -ErrorAction SilentlyContinue)
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "PermissionDenied,$commandId"
            $failures[0].TargetObject.WebhookName | Should -Be 'fanhook07'
            $failures[0].Exception.Message | Should -BeLike '*fanregistry/fanhook07*'
            $events.Count | Should -Be (19 * 50)
            $events.WebhookName | Should -Not -Contain 'fanhook07'
        }
    }

    Context 'Stopping early' {
        BeforeEach {
            Reset-FakeArmLog $fake
        }

        It '-First 1 on one webhook costs one request' {
            $events = @(Get-AcrWebhookEvent @demo -WebhookName buildhook -First 1)
            $events.Count | Should -Be 1
            (Get-FakeArmRequest $fake).total | Should -Be 1
        }

        It 'a downstream Select-Object -First 1 costs one request' {
            $events = @(Get-AcrWebhookEvent @demo -WebhookName buildhook | Select-Object -First 1)
            $events.Count | Should -Be 1
            (Get-FakeArmRequest $fake).total | Should -Be 1
        }

        It '-First stops a fan-out: no page after the first is requested' {
            $events = @(Get-AcrWebhookEvent -ResourceGroupName fan-rg -RegistryName fanregistry -First 5)
            $events.Count | Should -Be 5
            $requests = Get-FakeArmRequest $fake
            $requests.byRoute.ListEventsNext | Should -Be 0
            $requests.byRoute.ListEventsFirst | Should -BeLessOrEqual 10
        }

        It 'a downstream Select-Object -First stops a fan-out the same way' {
            $events = @(Get-AcrWebhookEvent -ResourceGroupName fan-rg -RegistryName fanregistry | Select-Object -First 5)
            $events.Count | Should -Be 5
            (Get-FakeArmRequest $fake).byRoute.ListEventsNext | Should -Be 0
        }

        It '-First counts written events, after filters' {
            $events = @(Get-AcrWebhookEvent @demo -WebhookName buildhook -Action delete -First 3)
            $events.Count | Should -Be 3
            $events.Action | Should -Be @('delete', 'delete', 'delete')
        }

        It '-Skip skips written events' {
            $all = @(Get-AcrWebhookEvent @demo -WebhookName buildhook)
            $skipped = @(Get-AcrWebhookEvent @demo -WebhookName buildhook -Skip 40)
            ($skipped.Id -join ',') | Should -Be (($all | Select-Object -Skip 40).Id -join ',')
        }

        It '-IncludeTotalCount writes the number of matching events' {
            $out = @(Get-AcrWebhookEvent @demo -WebhookName buildhook -Failed -IncludeTotalCount)
            $total = $out[-1]
            $events = @($out | Select-Object -SkipLast 1)
            [ulong] $total.PSObject.BaseObject | Should -Be $events.Count
        }
    }

    Context 'Filters' {
        BeforeAll {
            $script:all = @(Get-AcrWebhookEvent @demo -WebhookName buildhook)
        }

        It 'writes the same events as Where-Object would, for <Name>' -ForEach @(
            @{ Name = '-Action push'; Filter = @{ Action = 'push' }; Oracle = { $_.Action -eq 'push' } }
            @{
                Name = '-Action delete, quarantine'
                Filter = @{ Action = 'delete', 'quarantine' }
                Oracle = { $_.Action -in 'delete', 'quarantine' }
            }
            @{
                Name = '-Repository team/*'
                Filter = @{ Repository = 'team/*' }
                Oracle = { $_.Repository -like 'team/*' }
            }
            @{ Name = '-Tag v1*'; Filter = @{ Tag = 'v1*' }; Oracle = { $_.Tag -like 'v1*' } }
            @{
                Name = '-Failed'
                Filter = @{ Failed = $true }
                Oracle = { $null -eq $_.StatusCode -or $_.StatusCode -ge 400 }
            }
            @{
                Name = '-Action push -Failed'
                Filter = @{ Action = 'push'; Failed = $true }
                Oracle = { $_.Action -eq 'push' -and $_.Failed }
            }
        ) {
            $expected = @($all | Where-Object $Oracle)
            $expected.Count | Should -BeGreaterThan 0
            $filtered = @(Get-AcrWebhookEvent @demo -WebhookName buildhook @Filter)
            ($filtered.Id -join ',') | Should -Be ($expected.Id -join ',')
        }

        It 'takes -Since and -Until inclusively, reading a DateTime without offset as local time' {
            $from = $all[30].Timestamp
            $to = $all[10].Timestamp
            $localFrom = [datetime]::SpecifyKind($from.LocalDateTime, 'Unspecified')
            $events = @(Get-AcrWebhookEvent @demo -WebhookName buildhook -Since $localFrom -Until $to.UtcDateTime)
            $events.Count | Should -Be 21
            $events[0].Id | Should -Be $all[10].Id
            $events[-1].Id | Should -Be $all[30].Id
        }

        It 'accepts an action the completer does not know' {
            @(Get-AcrWebhookEvent @demo -WebhookName buildhook -Action image_signed).Count | Should -Be 0
        }

        It 'never changes what is requested' {
            Reset-FakeArmLog $fake
            $null = Get-AcrWebhookEvent @demo -WebhookName buildhook -Action push -Tag 'v1*'
            (Get-FakeArmRequest $fake).total | Should -Be 3
        }
    }

    Context 'Watching with -Wait' {
        BeforeAll {
            function script:Start-Watch {
                # Runs Get-AcrWebhookEvent -Wait in the background of this process (the context is process-wide);
                # its output collection fills as events are written.
                param([hashtable] $Hook)

                $shell = [powershell]::Create()
                $null = $shell.AddScript({
                        param($ModulePath, $Hook)
                        Import-Module $ModulePath
                        Get-AcrWebhookEvent -ResourceGroupName $Hook.ResourceGroupName -RegistryName $Hook.RegistryName `
                            -WebhookName $Hook.WebhookName -Wait -PollInterval 1 -Timeout 60
                    }).AddArgument($env:ACRWH_MODULE_PATH).AddArgument($Hook)
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $null = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
                return [pscustomobject]@{ Shell = $shell; Output = $output }
            }
        }

        It 'writes events added while it runs, once each' {
            $watch = @{
                SubscriptionId = $sample.SubscriptionId
                ResourceGroupName = 'watch-rg'
                RegistryName = 'watchregistry'
                WebhookName = 'watchhook'
            }
            Set-FakeWebhook $fake @watch -EventCount 7 -PageSize 5
            $running = Start-Watch $watch
            $shell = $running.Shell
            $output = $running.Output
            try {
                Wait-Until { $output.Count -ge 7 }
                $output.Count | Should -Be 7

                Add-FakeWebhookEvent $fake @watch -Count 3
                Wait-Until { $output.Count -ge 10 }

                # Two more polls must not repeat anything.
                $polls = (Get-FakeArmRequest $fake).byRoute.ListEventsFirst
                Wait-Until { (Get-FakeArmRequest $fake).byRoute.ListEventsFirst -ge $polls + 2 }
            }
            finally {
                $shell.Stop()
                $errors = @($shell.Streams.Error)
                $shell.Dispose()
            }

            $output.Count | Should -Be 10
            @($output.Id | Select-Object -Unique).Count | Should -Be 10
            $errors.Count | Should -Be 0
        }

        It 'warns when none of the previous poll''s events come back, and still writes the new ones' {
            $watch = @{
                SubscriptionId = $sample.SubscriptionId
                ResourceGroupName = 'gap-rg'
                RegistryName = 'gapregistry'
                WebhookName = 'gaphook'
            }
            Set-FakeWebhook $fake @watch -EventCount 4 -PageSize 5
            $running = Start-Watch $watch
            $shell = $running.Shell
            $output = $running.Output
            try {
                Wait-Until { $output.Count -ge 4 }
                $output.Count | Should -Be 4

                # More new events than the service keeps: everything seen before is gone.
                Add-FakeWebhookEvent $fake @watch -Count 8
                Remove-FakeWebhookEvent $fake @watch -Keep 6
                Wait-Until { $shell.Streams.Warning.Count -ge 1 }
            }
            finally {
                $shell.Stop()
                $warnings = @($shell.Streams.Warning)
                $shell.Dispose()
            }

            $warnings[0].Message | Should -BeLike '*gapregistry/gaphook*may have been missed*'
            $output.Count | Should -Be 10
            @($output.Id | Select-Object -Unique).Count | Should -Be 10
        }

        It 'ends by itself at -Timeout' {
            $events = @(Get-AcrWebhookEvent @demo -WebhookName deployhook -Wait -PollInterval 1 -Timeout 2)
            $events.Count | Should -Be $sample.Webhooks['deployhook']
        }
    }

    Context 'Output forms' {
        It '-Raw writes each event as the service''s JSON, secrets masked' {
            $raw = @(Get-AcrWebhookEvent @demo -WebhookName deployhook -Raw)
            $raw.Count | Should -Be $sample.Webhooks['deployhook']
            $raw[0] | Should -BeOfType ([string])
            $parsed = $raw[0] | ConvertFrom-Json
            $parsed.eventRequestMessage.content.action | Should -Not -BeNullOrEmpty
            $parsed.eventRequestMessage.headers.'X-Api-Key' | Should -Be '******'
            $raw -join "`n" | Should -Not -Match 'SECRET|-secret'
        }

        It 'shows the default table in 120 columns with time, action, image, status and webhook' {
            $text = Get-AcrWebhookEvent @demo -WebhookName buildhook -First 6 | Format-Table | Out-String -Width 120
            $lines = $text -split "`n" | Where-Object { $_.Trim() }
            $lines[0] | Should -Match '^Time \(UTC\)\s+Action\s+Image\s+Status\s+Webhook'
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 120 }
            $text | Should -Match '200 OK'
            $text | Should -Match 'demoregistry/buildhook'
            $text | Should -Not -Match '…'
        }

        It 'has a list view with request and response details' {
            $text = Get-AcrWebhookEvent @demo -WebhookName buildhook -First 1 | Format-List | Out-String -Width 120
            $text | Should -Match 'RequestHeaders\s*:'
            $text | Should -Match 'Response\s*:\s*\d{3} '
        }
    }

    Context 'Tab completion' {
        It 'completes <Parameter> from ARM with a connected context' -ForEach @(
            @{
                Parameter = 'actions'
                Line = 'Get-AcrWebhookEvent -Action chart_'
                Expected = 'chart_delete', 'chart_push'
            }
            @{
                Parameter = 'resource groups'
                Line = 'Get-AcrWebhookEvent -ResourceGroupName demo'
                Expected = @('demo-rg')
            }
            @{
                Parameter = 'registries'
                Line = 'Get-AcrWebhookEvent -ResourceGroupName demo-rg -RegistryName demo'
                Expected = @('demoregistry')
            }
            @{
                Parameter = 'webhooks'
                Line = 'Get-AcrWebhookEvent -ResourceGroupName demo-rg -RegistryName demoregistry -WebhookName d'
                Expected = @('deployhook')
            }
        ) {
            $completion = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
            @($completion.CompletionMatches.CompletionText | Sort-Object) | Should -Be $Expected
        }
    }
}
