@{
    RootModule             = 'AcrWebhookEvents.dll'
    # Stamped from Directory.Build.props by build.ps1; edit the version there.
    ModuleVersion          = '0.1.0'
    GUID                   = '6d3f7f0e-2b4c-4f5e-9a51-8c1d2e3f4a5b'
    Author                 = 'AcrWebhookEvents contributors'
    CompanyName            = 'AcrWebhookEvents contributors'
    Copyright              = '(c) AcrWebhookEvents contributors. MIT License.'
    Description            = 'Azure Container Registry webhook deliveries: which failed, for which image, when, why.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    # netstandard2.0 assemblies need .NET Framework 4.7.2 on Windows PowerShell.
    DotNetFrameworkVersion = '4.7.2'
    RequiredAssemblies     = @('AcrWebhookEvents.Abstractions.dll')
    FormatsToProcess       = @('AcrWebhookEvents.format.ps1xml')
    TypesToProcess         = @('AcrWebhookEvents.types.ps1xml')
    CmdletsToExport        = @(
        'Connect-AcrAccount'
        'Disconnect-AcrAccount'
        'Get-AcrContext'
        'Get-AcrWebhook'
        'Get-AcrWebhookEvent'
        'Test-AcrWebhook'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @(
                'Azure', 'ACR', 'ContainerRegistry', 'Webhook', 'Events', 'PSEdition_Core', 'PSEdition_Desktop'
            )
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'First version: Get-AcrWebhookEvent with paging and masked secrets; Connect-AcrAccount.'
        }
    }
}
