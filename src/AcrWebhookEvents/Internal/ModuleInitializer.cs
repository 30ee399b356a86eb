using System.Management.Automation;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// PowerShell calls this when the module is imported and removed: it sets up, and takes down, how the module's
    /// third-party assemblies are found. Not meant to be called by users.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <inheritdoc/>
        public void OnImport() => ModuleDependencies.Enable();

        /// <inheritdoc/>
        public void OnRemove(PSModuleInfo psModuleInfo) => ModuleDependencies.Disable();
    }
}
