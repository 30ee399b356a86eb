using System;
using System.IO;
using System.Reflection;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Finds the engine in the module's dependencies/ folder and creates it once per process. The cmdlets know it
    /// only as <see cref="IAcrEngine"/>, so where and how it is loaded can change without touching them.
    /// </summary>
    internal static class EngineLoader
    {
        private const string EngineAssemblyName = "AcrWebhookEvents.Engine";
        private const string EngineTypeName = "AcrWebhookEvents.Engine.AcrEngine";

        private static readonly Lazy<IAcrEngine> Instance = new Lazy<IAcrEngine>(Load);

        internal static IAcrEngine Engine => Instance.Value;

        internal static string DependencyFolder =>
            Path.Combine(Path.GetDirectoryName(typeof(EngineLoader).Assembly.Location) ?? ".", "dependencies");

        private static IAcrEngine Load()
        {
            string path = Path.Combine(DependencyFolder, EngineAssemblyName + ".dll");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"The module's engine is missing at '{path}'. Reinstall the module, or rebuild it with ./build.ps1.",
                    path);
            }

            // Assembly.LoadFrom resolves the engine's own dependencies from the same folder.
            Assembly assembly = Assembly.LoadFrom(path);
            Type type = assembly.GetType(EngineTypeName, throwOnError: true)!;
            return (IAcrEngine)Activator.CreateInstance(type)!;
        }
    }
}
