using System;
using System.Reflection;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Creates the engine once per process, from the module's dependencies/ folder. The cmdlets know it only as
    /// <see cref="IAcrEngine"/>, so where and how it is loaded (<see cref="ModuleDependencies"/>) can change without
    /// touching them.
    /// </summary>
    internal static class EngineLoader
    {
        private const string EngineAssemblyName = "AcrWebhookEvents.Engine";
        private const string EngineTypeName = "AcrWebhookEvents.Engine.AcrEngine";

        // Static, and the cmdlet assembly is never unloaded: a module imported again after Remove-Module reuses it.
        private static readonly Lazy<IAcrEngine> Instance = new Lazy<IAcrEngine>(Load);

        internal static IAcrEngine Engine => Instance.Value;

        private static IAcrEngine Load()
        {
            Assembly assembly = ModuleDependencies.Load(EngineAssemblyName);
            Type type = assembly.GetType(EngineTypeName, throwOnError: true)!;
            return (IAcrEngine)Activator.CreateInstance(type)!;
        }
    }
}
