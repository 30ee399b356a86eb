using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Where the module's third-party assemblies live and how they are kept apart from everybody else's: a private
    /// load context on PowerShell 7, an assembly resolve handler on Windows PowerShell 5.1. The cmdlets and the
    /// abstractions stay in the default context and never reference an Azure assembly.
    /// </summary>
    internal static class ModuleDependencies
    {
        /// <summary>The assembly PowerShell names our types from: one copy, in the default context.</summary>
        internal const string AbstractionsName = "AcrWebhookEvents.Abstractions";

        private static readonly Lazy<IReadOnlyDictionary<string, string>> Shipped =
            new Lazy<IReadOnlyDictionary<string, string>>(FindShipped);

        /// <summary>
        /// True on .NET (PowerShell 7), false on .NET Framework (Windows PowerShell 5.1), where nothing may touch
        /// AssemblyLoadContext: System.Runtime.Loader does not exist there.
        /// </summary>
        internal static readonly bool IsCoreClr =
            string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);

        /// <summary>The module's dependencies/ folder, beside the cmdlet assembly.</summary>
        internal static string Folder { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleDependencies).Assembly.Location) ?? ".", "dependencies");

        /// <summary>The assemblies the module ships in dependencies/, by simple name (case-insensitive).</summary>
        internal static IReadOnlyDictionary<string, string> Assemblies => Shipped.Value;

        /// <summary>Called from OnImport: on Windows PowerShell, starts answering for our dependencies.</summary>
        internal static void Enable()
        {
            // PowerShell 7 needs nothing registered: the private context is only asked for what the engine needs.
            if (!IsCoreClr)
            {
                FrameworkAssemblyResolver.Register();
            }
        }

        /// <summary>
        /// Called from OnRemove: stops answering. What is loaded stays loaded: it cannot be unloaded.
        /// </summary>
        internal static void Disable()
        {
            if (!IsCoreClr)
            {
                FrameworkAssemblyResolver.Unregister();
            }
        }

        /// <summary>Loads an assembly of dependencies/ (the engine) where the module keeps third-party code.</summary>
        internal static Assembly Load(string simpleName)
        {
            if (!Assemblies.TryGetValue(simpleName, out string? path))
            {
                string expected = Path.Combine(Folder, simpleName + ".dll");
                throw new FileNotFoundException(
                    $"The module's '{simpleName}' is missing at '{expected}'. Reinstall the module, or rebuild it " +
                    "with ./build.ps1.",
                    expected);
            }

            if (IsCoreClr)
            {
                return LoadIntoPrivateContext(simpleName);
            }

            // Also registered here, so hosts that load the assembly without Import-Module (no OnImport) still work.
            FrameworkAssemblyResolver.Register();
            return Assembly.LoadFrom(path);
        }

        /// <summary>
        /// Kept out of line: the JIT resolves the types a method mentions when it compiles that method, so the only
        /// method that names DependencyLoadContext must never be compiled on .NET Framework.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Assembly LoadIntoPrivateContext(string simpleName) =>
            DependencyLoadContext.Instance.LoadFromAssemblyName(new AssemblyName(simpleName));

        private static IReadOnlyDictionary<string, string> FindShipped()
        {
            var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(Folder))
            {
                foreach (string path in Directory.GetFiles(Folder, "*.dll"))
                {
                    found[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }

            // The abstractions are shared with the default context, never served from a copy (build.ps1 ships none).
            found.Remove(AbstractionsName);
            return found;
        }
    }
}
