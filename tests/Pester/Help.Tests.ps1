# Get-Help for every cmdlet: prose from docs/en-US, facts from the code; and the generator's refusals.

BeforeDiscovery {
    # The cmdlets to check come from the published manifest; without the build's environment there are none,
    # and BeforeAll below says what to do.
    $script:cmdlets = @()
    if ($env:ACRWH_MODULE_PATH) {
        $manifest = Join-Path $env:ACRWH_MODULE_PATH 'AcrWebhookEvents.psd1'
        if (Test-Path -LiteralPath $manifest) {
            $script:cmdlets = @((Import-PowerShellDataFile -LiteralPath $manifest).CmdletsToExport |
                ForEach-Object { @{ Name = $_ } })
        }

    }

}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport.psm1')
    Assert-TestEnvironment
    Import-Module $env:ACRWH_MODULE_PATH

    $script:repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:generator = Join-Path $repoRoot 'tools/Build-ExternalHelp.ps1'
    $script:common = [System.Management.Automation.Cmdlet]::CommonParameters

    function Get-ParameterHelp {
        param([string] $Command, [string] $Parameter)

        return @((Get-Help $Command -Full).parameters.parameter | Where-Object name -eq $Parameter)
    }

    function Get-HelpText {
        <# The text of a MAML description: its paragraphs, joined. #>
        param($Description)

        return (@($Description | ForEach-Object { $_.Text }) -join "`n").Trim()
    }

}

Describe 'External help' {
    It 'ships the help file and the about topic in en-US' {
        Join-Path $env:ACRWH_MODULE_PATH 'en-US/AcrWebhookEvents.dll-Help.xml' | Should -Exist
        Join-Path $env:ACRWH_MODULE_PATH 'en-US/about_AcrWebhookEvents.help.txt' | Should -Exist
        Get-Help about_AcrWebhookEvents | Out-String | Should -BeLike '*Get-AcrWebhookEvent*'
    }

    Context '<Name>' -ForEach $cmdlets {
        BeforeAll {
            $script:help = Get-Help $Name -Full
        }

        It 'has a synopsis of its own, not the generated syntax' {
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -BeLike "$Name *"
            $help.Synopsis | Should -Not -Match '\[<CommonParameters>\]'
        }

        It 'has a description' {
            Get-HelpText $help.description | Should -Not -BeNullOrEmpty
        }

        It 'has examples with code and an explanation or a title' {
            $examples = @($help.examples.example)
            $examples.Count | Should -BeGreaterOrEqual 1
            foreach ($example in $examples) {
                $example.code.Trim() | Should -Not -BeNullOrEmpty
                $example.title | Should -Match 'Example \d+: \S'
            }

        }

        It 'describes every parameter but the common ones' {
            $parameters = (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common }
            foreach ($parameter in $parameters) {
                $entry = @($help.parameters.parameter | Where-Object name -eq $parameter)
                $entry.Count | Should -Be 1 -Because "-$parameter of $Name should be in its help once"
                Get-HelpText $entry[0].description |
                    Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
            }

        }

        It 'shows the examples with Get-Help -Examples' {
            $text = Get-Help $Name -Examples | Out-String -Width 200
            foreach ($example in @($help.examples.example)) {
                $text | Should -BeLike "*$($example.title.Trim('- '))*"
                $text | Should -BeLike "*$(($example.code -split "`n")[0].Trim())*"
            }

        }

    }

    Context 'facts that come from the code' {
        It 'gives positions, pipeline input and aliases as the cmdlet declares them' {
            $group = Get-ParameterHelp Get-AcrWebhookEvent ResourceGroupName
            $group.position | Should -Be '0'
            $group.pipelineInput | Should -Be 'True (ByPropertyName)'
            $group.required | Should -Be 'false'
            (Get-ParameterHelp Get-AcrWebhookEvent WebhookName).position | Should -Be '2'
            (Get-ParameterHelp Get-AcrWebhookEvent ResourceId).aliases | Should -Be 'Id'
            (Get-ParameterHelp Get-AcrWebhookEvent Action).position | Should -Be 'named'
        }

        It 'marks wildcard parameters and gives the code''s default values' {
            (Get-ParameterHelp Get-AcrWebhookEvent Repository).globbing | Should -Be 'true'
            (Get-ParameterHelp Get-AcrWebhookEvent Action).globbing | Should -Be 'false'
            (Get-ParameterHelp Get-AcrWebhookEvent ThrottleLimit).defaultValue | Should -Be '10'
            (Get-ParameterHelp Get-AcrWebhookEvent PollInterval).defaultValue | Should -Be '30'
            (Get-ParameterHelp Get-AcrWebhookEvent ApiVersion).defaultValue |
                Should -Be ([AcrWebhookEvents.AcrNames]::DefaultApiVersion)
        }

        It 'marks a parameter mandatory only in the parameter set that demands it' {
            (Get-ParameterHelp Connect-AcrAccount Identity).required | Should -Be 'true'
            (Get-ParameterHelp Connect-AcrAccount ClientId).required | Should -Be 'false'
            $syntax = Get-Help Connect-AcrAccount | Out-String -Width 300
            $syntax | Should -Match 'Connect-AcrAccount -Identity '
            $syntax | Should -Match 'Connect-AcrAccount -AccessToken <SecureString>'
        }

        It 'documents -WhatIf and -Confirm where the cmdlet has them' {
            @(Get-ParameterHelp Test-AcrWebhook WhatIf).Count | Should -Be 1
            @(Get-ParameterHelp Test-AcrWebhook Confirm).Count | Should -Be 1
            @(Get-ParameterHelp Get-AcrWebhookEvent WhatIf).Count | Should -Be 0
        }

    }

}

Describe 'Build-ExternalHelp.ps1' {
    BeforeEach {
        # A copy of the real markdown, for each test to break in one way.
        $script:docs = Join-Path $TestDrive 'docs'
        Remove-Item -LiteralPath $docs -Recurse -Force -ErrorAction Ignore
        Copy-Item -LiteralPath (Join-Path $repoRoot 'docs/en-US') -Destination $docs -Recurse
        $script:output = Join-Path $TestDrive 'en-US/AcrWebhookEvents.dll-Help.xml'
        Remove-Item -LiteralPath $output -Force -ErrorAction Ignore
        $script:invoke = {
            & $generator -ModulePath $env:ACRWH_MODULE_PATH -DocsPath $docs -OutputPath $output 6>$null
        }
    }

    It 'writes help for every exported cmdlet from the markdown as it is' {
        & $invoke
        [xml] $xml = Get-Content -LiteralPath $output -Raw
        $names = @($xml.GetElementsByTagName('command:name') | ForEach-Object InnerText | Sort-Object)
        $names | Should -Be @((Get-Module AcrWebhookEvents).ExportedCmdlets.Keys | Sort-Object)
    }

    It 'fails when a parameter has no description' {
        $file = Join-Path $docs 'Get-AcrWebhook.md'
        (Get-Content -LiteralPath $file -Raw) -replace '(?s)### -Name\r?\n.*?(?=### )', '' |
            Set-Content -LiteralPath $file
        $invoke | Should -Throw '*Get-AcrWebhook.md: parameter -Name has no*'
        $output | Should -Not -Exist
    }

    It 'fails when the markdown describes a parameter the cmdlet does not have' {
        $file = Join-Path $docs 'Get-AcrContext.md'
        $extra = "## PARAMETERS`n`n### -Subscription`n`nNo such thing."
        (Get-Content -LiteralPath $file -Raw) -replace '## PARAMETERS', $extra | Set-Content -LiteralPath $file
        $invoke | Should -Throw '*describes -Subscription, which Get-AcrContext does not have*'
    }

    It 'fails when a cmdlet has no markdown, or an example has no code' {
        Remove-Item -LiteralPath (Join-Path $docs 'Test-AcrWebhook.md')
        $file = Join-Path $docs 'Disconnect-AcrAccount.md'
        (Get-Content -LiteralPath $file -Raw) -replace '(?s)```powershell.*?```', 'Just words.' |
            Set-Content -LiteralPath $file
        $invoke | Should -Throw '*Disconnect-AcrAccount.md:*has no code block*Test-AcrWebhook has no help*'
    }

}
