# Get-AcrWebhook and Test-AcrWebhook: the webhooks themselves, and pinging them.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment
    Import-Module $env:ACRWH_MODULE_PATH

    $script:fake = Start-FakeArm -Sample
    $script:sample = Get-FakeArmSample
    Use-FakeArmIdentity $fake
    Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl | Out-Null
    $script:demo = @{ ResourceGroupName = $sample.ResourceGroupName; RegistryName = $sample.RegistryName }
}

AfterAll {
    Disconnect-AcrAccount
    Stop-FakeArm $script:fake
}

Describe 'Get-AcrWebhook' {
    It 'lists the webhooks of a registry as typed objects' {
        $hooks = @(Get-AcrWebhook @demo)
        @($hooks.Name | Sort-Object) | Should -Be @($sample.Webhooks.Keys | Sort-Object)
        $hooks[0] | Should -BeOfType ([AcrWebhookEvents.AcrWebhook])
        $hooks | ForEach-Object {
            $_.RegistryName | Should -Be $sample.RegistryName
            $_.SubscriptionId | Should -Be $sample.SubscriptionId
            $_.Id | Should -BeLike '/subscriptions/*/webhooks/*'
            $_.Status | Should -Be 'enabled'
            $_.Actions | Should -Contain 'push'
            $_.ProvisioningState | Should -Be 'Succeeded'
            $_.Location | Should -Not -BeNullOrEmpty
        }
    }

    It 'lists every webhook of the subscription' {
        @(Get-AcrWebhook).Count | Should -Be ($sample.Webhooks.Count + $sample.OtherWebhooks.Count)
    }

    It 'lists the webhooks of every registry in a resource group' {
        @(Get-AcrWebhook -ResourceGroupName $sample.OtherResourceGroupName).Name | Should -Be @($sample.OtherWebhooks.Keys)
    }

    It 'filters by name with wildcards' {
        @(Get-AcrWebhook @demo -Name 'b*').Name | Should -Be @('buildhook')
    }

    It 'pipes into Get-AcrWebhookEvent' {
        @(Get-AcrWebhook @demo | Get-AcrWebhookEvent).Count | Should -Be ($sample.Webhooks.Values | Measure-Object -Sum).Sum
    }

    It 'takes the subscription from a piped resource ID, not from the context' {
        $other = '99999999-8888-7777-6666-555555555555'
        Set-FakeWebhook $fake -SubscriptionId $other -ResourceGroupName far-rg -RegistryName farregistry -WebhookName farhook -EventCount 4
        $id = "/subscriptions/$other/resourceGroups/far-rg/providers/Microsoft.ContainerRegistry/registries/farregistry/webhooks/farhook"
        $events = @([pscustomobject]@{ Id = $id } | Get-AcrWebhookEvent)
        $events.Count | Should -Be 4
        $events | ForEach-Object { $_.SubscriptionId | Should -Be $other }
    }

    It 'lets the ID win when piped input carries an ID and names' {
        $deploy = (Get-AcrWebhook @demo -Name deployhook).Id
        $record = [pscustomobject]@{ Id = $deploy; ResourceGroupName = 'demo-rg'; RegistryName = 'demoregistry'; WebhookName = 'buildhook' }
        $events = @($record | Get-AcrWebhookEvent)
        $events.Count | Should -Be $sample.Webhooks['deployhook']
        $events.WebhookName | Select-Object -Unique | Should -Be 'deployhook'
    }

    It 'reports an unknown registry as not found' {
        { Get-AcrWebhook -RegistryName nosuchregistry -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistryNotFound,AcrWebhookEvents.Commands.GetAcrWebhookCommand'
    }
}

Describe 'Test-AcrWebhook' {
    It 'makes no request with -WhatIf' {
        Reset-FakeArmLog $fake
        Test-AcrWebhook @demo -WebhookName deployhook -WhatIf
        (Get-FakeArmRequest $fake).total | Should -Be 0
    }

    It 'pings and returns the ID of the ping event, which Get-AcrWebhookEvent -Action ping then finds' {
        $result = Test-AcrWebhook @demo -WebhookName deployhook -Confirm:$false
        $result | Should -BeOfType ([AcrWebhookEvents.AcrWebhookPingResult])
        $result.EventId | Should -Not -BeNullOrEmpty
        $pings = @(Get-AcrWebhookEvent @demo -WebhookName deployhook -Action ping)
        $pings.Id | Should -Contain $result.EventId
    }

    It 'pings piped webhooks' {
        Reset-FakeArmLog $fake
        $results = @(Get-AcrWebhook @demo | Test-AcrWebhook -Confirm:$false)
        $results.Count | Should -Be $sample.Webhooks.Count
        (Get-FakeArmRequest $fake).byRoute.Ping | Should -Be $sample.Webhooks.Count
    }

    It 'never retries a ping, even after a server error' {
        Set-FakeWebhookFailure $fake -SubscriptionId $sample.SubscriptionId @demo -WebhookName audithook -Count 1 -StatusCode 500
        Reset-FakeArmLog $fake
        Test-AcrWebhook @demo -WebhookName audithook -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ServiceError,AcrWebhookEvents.Commands.TestAcrWebhookCommand'
        (Get-FakeArmRequest $fake).byRoute.Ping | Should -Be 1
    }

    It 'asks for a webhook when given only a registry' {
        { Test-AcrWebhook @demo -ErrorAction Stop } |
            Should -Throw -ErrorId 'WebhookRequired,AcrWebhookEvents.Commands.TestAcrWebhookCommand'
    }
}
