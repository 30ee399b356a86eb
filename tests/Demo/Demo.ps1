<#
.SYNOPSIS
    What a user types: sign in with a managed identity, list a webhook's deliveries, find the failed ones.
.DESCRIPTION
    Runs in a pwsh that trusts the fake ARM server's test CA and has IDENTITY_ENDPOINT / IDENTITY_HEADER pointing
    at the fake's identity endpoint, exactly as Azure Automation sets them for a runbook. Start-Demo.ps1 prepares
    all of that; run it through ./build.ps1 -Task Demo.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $ResourceManagerUrl
)

$ErrorActionPreference = 'Stop'

function Show-Step([string] $Text) {
    Write-Host ''
    Write-Host "PS> $Text" -ForegroundColor Cyan
}

# Output here is redirected, where PowerShell would assume 80 columns; render as a 120-column console shows it.
function Show-Output {
    $input | Out-String -Width 120 | Write-Host
}

Import-Module $ModulePath

Show-Step "Connect-AcrAccount -Identity -ResourceManagerUrl $ResourceManagerUrl"
Connect-AcrAccount -Identity -ResourceManagerUrl $ResourceManagerUrl | Format-List | Show-Output

Show-Step 'Get-AcrWebhookEvent -ResourceGroupName demo-rg -RegistryName demoregistry -WebhookName buildhook | Select-Object -First 8'
Get-AcrWebhookEvent -ResourceGroupName demo-rg -RegistryName demoregistry -WebhookName buildhook |
    Select-Object -First 8 | Show-Output

Show-Step 'Get-AcrWebhook -RegistryName demoregistry'
Get-AcrWebhook -RegistryName demoregistry | Show-Output

Show-Step 'Get-AcrWebhookEvent -RegistryName demoregistry -Failed -Action push   # every webhook of the registry, at once'
Get-AcrWebhookEvent -RegistryName demoregistry -Failed -Action push | Show-Output

Show-Step 'Get-AcrWebhookEvent -Failed | Group-Object WebhookName -NoElement   # the whole subscription'
Get-AcrWebhookEvent -Failed | Group-Object WebhookName -NoElement | Show-Output

Show-Step 'Get-AcrWebhookEvent ... buildhook | Group-Object Action -NoElement | Sort-Object Count -Descending'
Get-AcrWebhookEvent -ResourceGroupName demo-rg -RegistryName demoregistry -WebhookName buildhook |
    Group-Object Action -NoElement | Sort-Object Count -Descending | Show-Output

Show-Step 'Get-AcrWebhookEvent ... deployhook -Verbose | Measure-Object   # each request, page and correlation id'
Get-AcrWebhookEvent -ResourceGroupName demo-rg -RegistryName demoregistry -WebhookName deployhook -Verbose |
    Measure-Object | Select-Object Count | Show-Output
