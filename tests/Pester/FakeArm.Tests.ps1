# Tests of the harness itself: if these fail, every other Pester result is suspect.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment

    $script:fake = Start-FakeArm -Sample
    $sample = Get-FakeArmSample
    $webhookPath = 'subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.ContainerRegistry/registries/{2}' -f
        $sample.SubscriptionId, $sample.ResourceGroupName, $sample.RegistryName
    $script:listEventsUri = $fake.ArmUrl.TrimEnd('/') + "/$webhookPath/webhooks/buildhook/listEvents" +
        '?api-version=2023-07-01'

    # The identity endpoint is what the module's managed identity credential calls; the test asks it directly.
    $tokenUri = '{0}?api-version=2019-08-01&resource={1}' -f $fake.IdentityEndpoint,
        [Uri]::EscapeDataString('https://management.azure.com')
    $tokenAnswer = Invoke-RestMethod -Uri $tokenUri -Headers @{ 'X-IDENTITY-HEADER' = $fake.IdentityHeader } -NoProxy
    $script:armHeaders = @{ Authorization = "Bearer $($tokenAnswer.access_token)" }
}

AfterAll {
    Stop-FakeArm $script:fake
}

Describe 'Fake ARM server' {
    Context 'Start-up' {
        It 'announces an https ARM URL and an http control URL on 127.0.0.1' {
            ([uri] $fake.ArmUrl).Scheme | Should -Be 'https'
            ([uri] $fake.ArmUrl).Host | Should -Be '127.0.0.1'
            ([uri] $fake.ControlUrl).Scheme | Should -Be 'http'
            ([uri] $fake.ControlUrl).Host | Should -Be '127.0.0.1'
            $fake.IdentityEndpoint | Should -BeLike 'http://127.0.0.1:*/msi/token'
            $fake.Process.HasExited | Should -BeFalse
        }

        It 'exits by itself when its stdin closes, as it does when the test process dies' {
            $second = Start-FakeArm
            try {
                $second.Process.StandardInput.Close()

                $second.Process.WaitForExit(10000) | Should -BeTrue
            }
            finally {
                Stop-FakeArm $second
            }

        }

    }

    Context 'ARM over TLS' {
        It 'serves the first page of listEvents to a managed identity token, trusting the CA via SSL_CERT_FILE' {
            # No -SkipCertificateCheck: the call only succeeds if this process trusts the per-run test CA.
            $page = Invoke-RestMethod -Method Post -Uri $listEventsUri -Headers $armHeaders -NoProxy

            @($page.value).Count | Should -Be 20
            $page.nextLink | Should -BeLike "$($fake.ArmUrl)*skipToken*"
        }

        It 'serves all 45 buildhook events over three pages when nextLink is followed with GET' {
            $events = [System.Collections.Generic.List[object]]::new()
            $pages = 0
            $page = Invoke-RestMethod -Method Post -Uri $listEventsUri -Headers $armHeaders -NoProxy
            while ($true) {
                $pages++
                $events.AddRange(@($page.value))
                if (-not ($page.PSObject.Properties.Name -contains 'nextLink') -or -not $page.nextLink) {
                    break
                }

                $page = Invoke-RestMethod -Method Get -Uri $page.nextLink -Headers $armHeaders -NoProxy
            }

            $pages | Should -Be 3
            $events.Count | Should -Be 45
            @($events.id | Select-Object -Unique).Count | Should -Be 45
        }

        It 'answers 401 to a listEvents request without a bearer token' {
            $parameters = @{
                Method = 'Post'
                Uri = $listEventsUri
                NoProxy = $true
                SkipHttpErrorCheck = $true
                StatusCodeVariable = 'status'
            }
            $answer = Invoke-RestMethod @parameters

            $status | Should -Be 401
            $answer.error.code | Should -Be 'InvalidAuthenticationToken'
        }

    }

    Context 'Control API' {
        It 'counts each ARM request by route after the log is reset' {
            Reset-FakeArmLog $fake
            $page = Invoke-RestMethod -Method Post -Uri $listEventsUri -Headers $armHeaders -NoProxy
            $null = Invoke-RestMethod -Method Get -Uri $page.nextLink -Headers $armHeaders -NoProxy

            $log = Get-FakeArmRequest $fake

            $log.total | Should -Be 2
            $log.byRoute.ListEventsFirst | Should -Be 1
            $log.byRoute.ListEventsNext | Should -Be 1
        }

        It 'serves a webhook set up through the control API with the given page size' {
            $sample = Get-FakeArmSample
            $hook = @{
                SubscriptionId = $sample.SubscriptionId
                ResourceGroupName = 'harness-rg'
                RegistryName = 'harnessregistry'
                WebhookName = 'harnesshook'
            }
            Set-FakeWebhook $fake @hook -EventCount 7 -PageSize 5
            $uri = $fake.ArmUrl.TrimEnd('/') + ('/subscriptions/{0}/resourceGroups/{1}/providers/' -f
                $hook.SubscriptionId, $hook.ResourceGroupName) +
                ('Microsoft.ContainerRegistry/registries/{0}/webhooks/{1}/listEvents?api-version=2023-07-01' -f
                    $hook.RegistryName, $hook.WebhookName)

            $page = Invoke-RestMethod -Method Post -Uri $uri -Headers $armHeaders -NoProxy

            @($page.value).Count | Should -Be 5
            $page.nextLink | Should -Not -BeNullOrEmpty
        }

    }

}
