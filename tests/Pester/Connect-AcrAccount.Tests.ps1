# Signing in: managed identity, a token from elsewhere, and the context the module keeps.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment
    Import-Module $env:ACRWH_MODULE_PATH

    $script:fake = Start-FakeArm -Sample
    $script:sample = Get-FakeArmSample
    Use-FakeArmIdentity $fake
}

AfterAll {
    Disconnect-AcrAccount
    Stop-FakeArm $script:fake
}

Describe 'Connect-AcrAccount' {
    Context 'Managed identity' {
        It 'signs in through the identity endpoint and picks the only subscription' {
            Reset-FakeArmLog $fake
            $context = Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl
            $context | Should -BeOfType ([AcrWebhookEvents.AcrContext])
            $context.AuthMethod | Should -Be 'ManagedIdentity'
            $context.SubscriptionId | Should -Be $sample.SubscriptionId
            $context.Audience | Should -Be (([uri] $fake.ArmUrl).GetLeftPart('Authority') + '/.default')
            (Get-FakeArmRequest $fake).identityRequests | Should -BeGreaterOrEqual 1
        }

        It 'logs the request it makes in -Debug, with the token redacted' {
            $audience = ([uri] $fake.ArmUrl).GetLeftPart('Authority') + '/debug-log/.default'
            $records = @(Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl -Audience $audience -Verbose -Debug *>&1)
            $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
            @($debug | Where-Object Message -like 'HTTP request: GET *subscriptions*').Count | Should -Be 1
            ($debug.Message -join "`n") | Should -Match 'Authorization: REDACTED'
            ($debug.Message -join "`n") | Should -Not -Match 'fake-[0-9a-f]{8}'
        }

        It 'sends the client ID of a user-assigned identity' {
            $clientId = [guid]::NewGuid().ToString()
            # A distinct audience, so the process-wide token cache cannot answer for the identity endpoint.
            $audience = ([uri] $fake.ArmUrl).GetLeftPart('Authority') + '/user-assigned/.default'
            $context = Connect-AcrAccount -Identity -ClientId $clientId -ResourceManagerUrl $fake.ArmUrl -Audience $audience
            $context.ClientId | Should -Be $clientId
            (Get-FakeArmRequest $fake).identityClientIds | Should -Contain $clientId
        }
    }

    Context 'Access token from elsewhere' {
        It 'uses the token as given, and never shows it' {
            $token = 'pasted-token-' + [guid]::NewGuid().ToString('N')
            Add-FakeArmToken $fake -Token $token
            $secure = ConvertTo-SecureString $token -AsPlainText -Force
            $context = Connect-AcrAccount -AccessToken $secure -ResourceManagerUrl $fake.ArmUrl -SubscriptionId $sample.SubscriptionId
            $context.AuthMethod | Should -Be 'AccessToken'
            @(Get-AcrWebhookEvent -ResourceGroupName $sample.ResourceGroupName -RegistryName $sample.RegistryName -WebhookName deployhook).Count |
                Should -Be $sample.Webhooks['deployhook']
            (Get-AcrContext | Format-List * | Out-String) | Should -Not -Match $token
            (Get-AcrContext | ConvertTo-Json) | Should -Not -Match $token
        }
    }

    Context 'The context' {
        It 'is shown by Get-AcrContext and cleared by Disconnect-AcrAccount' {
            Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl | Out-Null
            (Get-AcrContext).ResourceManagerUrl | Should -Be ([uri] $fake.ArmUrl)
            Disconnect-AcrAccount
            Get-AcrContext | Should -BeNullOrEmpty
        }

        It 'is shared with other runspaces of the process' {
            Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl | Out-Null
            $counts = 1..2 | ForEach-Object -Parallel {
                Import-Module $env:ACRWH_MODULE_PATH
                @(Get-AcrWebhookEvent -ResourceGroupName demo-rg -RegistryName demoregistry -WebhookName deployhook).Count
            }
            $counts | Should -Be @($sample.Webhooks['deployhook'], $sample.Webhooks['deployhook'])
        }

        It 'asks for a subscription when none is known, before any request' {
            Disconnect-AcrAccount
            $saved = $env:AZURE_SUBSCRIPTION_ID
            try {
                $env:AZURE_SUBSCRIPTION_ID = $null
                { Get-AcrWebhookEvent -ResourceGroupName rg -RegistryName demoregistry -WebhookName buildhook } |
                    Should -Throw -ErrorId 'SubscriptionRequired,AcrWebhookEvents.Commands.GetAcrWebhookEventCommand'
            }
            finally {
                $env:AZURE_SUBSCRIPTION_ID = $saved
                Disconnect-AcrAccount
            }
        }
    }

    Context 'Bad input' {
        It 'refuses -Environment together with -ResourceManagerUrl' {
            { Connect-AcrAccount -Identity -Environment AzureCloud -ResourceManagerUrl $fake.ArmUrl } |
                Should -Throw -ErrorId 'EnvironmentAndUrl,AcrWebhookEvents.Commands.ConnectAcrAccountCommand'
        }

        It 'refuses a plain http ARM endpoint, which would expose the token' {
            { Connect-AcrAccount -Identity -ResourceManagerUrl 'http://127.0.0.1:1/' } |
                Should -Throw -ErrorId 'InvalidConfiguration,AcrWebhookEvents.Commands.ConnectAcrAccountCommand'
        }

        It 'refuses an unknown environment name' {
            { Connect-AcrAccount -Identity -Environment AzureMoon } |
                Should -Throw -ErrorId 'ParameterArgumentValidationError,AcrWebhookEvents.Commands.ConnectAcrAccountCommand'
        }

        It 'reports a managed identity that refuses as an authentication error' {
            $saved = $env:IDENTITY_HEADER
            try {
                $env:IDENTITY_HEADER = 'wrong-header'
                $audience = ([uri] $fake.ArmUrl).GetLeftPart('Authority') + '/refused/.default'
                { Connect-AcrAccount -Identity -ResourceManagerUrl $fake.ArmUrl -Audience $audience } |
                    Should -Throw -ErrorId 'AuthenticationFailed,AcrWebhookEvents.Commands.ConnectAcrAccountCommand'
            }
            finally {
                $env:IDENTITY_HEADER = $saved
            }
        }
    }
}
