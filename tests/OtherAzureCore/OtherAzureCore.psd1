@{
    # Test only. Azure.Core is loaded at import, into the default context, the way Az.Accounts preloads its own.
    RootModule         = 'OtherAzureCore.dll'
    ModuleVersion      = '1.0.0'
    GUID               = 'b0b4f0a2-6c53-4d0e-9d3e-2f1f6f0c7a11'
    Author             = 'AcrWebhookEvents contributors'
    Description        = 'Test only: uses its own Azure.Core from the default load context.'
    PowerShellVersion  = '7.0'
    RequiredAssemblies = @('Azure.Core.dll')
    CmdletsToExport    = @('Get-OtherAzureCoreSubscription')
    FunctionsToExport  = @()
    VariablesToExport  = @()
    AliasesToExport    = @()
}
