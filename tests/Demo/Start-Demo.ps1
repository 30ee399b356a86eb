<#
.SYNOPSIS
    Starts the fake ARM server with sample data, runs Demo.ps1 against it, and stops the server.
.DESCRIPTION
    Run through ./build.ps1 -Task Demo, which builds the module and starts this script in a pwsh that trusts the
    demo CA (SSL_CERT_FILE is read only when a process starts). The identity endpoint of the fake stands in for
    the managed identity of an Azure Automation account.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../Pester/TestSupport.psm1')

$fake = Start-FakeArm -Sample
try {
    Use-FakeArmIdentity $fake
    & (Join-Path $PSScriptRoot 'Demo.ps1') -ModulePath $env:ACRWH_MODULE_PATH -ResourceManagerUrl $fake.ArmUrl
}
finally {
    Stop-FakeArm $fake
}
