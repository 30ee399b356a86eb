using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// PowerShell 7 only: the load context the engine and every third-party assembly of the module live in, so
    /// Az.Accounts or any other module can load its own Azure.Core, Azure.Identity or MSAL into the default context,
    /// before or after us, without either side getting the other's copy.
    /// </summary>
    /// <remarks>
    /// One per process, never unloaded: Remove-Module then Import-Module finds the same context and the engine
    /// already in it, instead of loading a second copy. Only <see cref="ModuleDependencies"/> touches this type,
    /// and only behind its runtime check, because Windows PowerShell has no System.Runtime.Loader.
    /// </remarks>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly Lazy<DependencyLoadContext> Shared =
            new Lazy<DependencyLoadContext>(() => new DependencyLoadContext(ModuleDependencies.Assemblies));

        private readonly IReadOnlyDictionary<string, string> _ours;
        private readonly Lazy<Dictionary<string, string>> _platform =
            new Lazy<Dictionary<string, string>>(ReadTrustedPlatformAssemblies);

        private readonly ConcurrentDictionary<string, Version?> _platformVersions =
            new ConcurrentDictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);

        private DependencyLoadContext(IReadOnlyDictionary<string, string> ours)
        {
            _ours = ours;
        }

        /// <summary>The process-wide context.</summary>
        internal static DependencyLoadContext Instance => Shared.Value;

        /// <summary>
        /// Decides, for each assembly something in this context asks for, whose copy it gets. The rule:
        /// <list type="number">
        /// <item>AcrWebhookEvents.Abstractions is the default context's: the engine must implement the very
        /// IAcrEngine the cmdlets cast to, and return the very event types PowerShell names and formats.</item>
        /// <item>An assembly the platform provides (the trusted platform assemblies: the .NET runtime and the
        /// host's own, such as $PSHOME's) at the requested version or newer is the default context's. Our
        /// netstandard2.0 copies of System.Memory, System.Buffers, System.Text.Json and the like are for older
        /// runtimes; loading them here would make a second Span&lt;T&gt; or JsonElement that the platform's code
        /// does not accept. Only what the runtime and the host were started with counts as platform, never what
        /// another module loaded into the default context later (Az.Accounts' Azure.Core, say).</item>
        /// <item>Anything else we ship in dependencies/ is ours, whatever the default context already holds: that
        /// is what keeps our Azure.Core ours beside another module's of any version.</item>
        /// <item>The rest (nothing we ship, no platform assembly) is left to the default context.</item>
        /// </list>
        /// On an older PowerShell whose runtime has, say, System.Text.Json 8 while we need 10, rule 2 does not
        /// apply and our copy loads here; its own references to System.Memory still go to the platform.
        /// </summary>
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (name is null)
            {
                return null;
            }

            if (string.Equals(name, ModuleDependencies.AbstractionsName, StringComparison.OrdinalIgnoreCase))
            {
                return typeof(IAcrEngine).Assembly;
            }

            // Satellite (resource) assemblies are not shipped; the default context's probing answers those.
            if (!string.IsNullOrEmpty(assemblyName.CultureName) || !_ours.TryGetValue(name, out string? path))
            {
                return null;
            }

            if (IsProvidedByPlatform(name, assemblyName.Version))
            {
                return null;
            }

            return LoadFromAssemblyPath(path);
        }

        private bool IsProvidedByPlatform(string name, Version? requested)
        {
            if (!_platform.Value.TryGetValue(name, out string? platformPath))
            {
                return false;
            }

            Version? available = _platformVersions.GetOrAdd(name, _ => ReadVersion(platformPath));
            return available != null && (requested is null || available >= requested);
        }

        private static Version? ReadVersion(string path)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path).Version;
            }
            catch (Exception ex) when (ex is IOException || ex is BadImageFormatException ||
                                       ex is UnauthorizedAccessException)
            {
                // An unreadable platform file cannot be vouched for; our own copy is the safer answer.
                return null;
            }
        }

        private static Dictionary<string, string> ReadTrustedPlatformAssemblies()
        {
            var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (string path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                // The first entry wins, as it does for the runtime's own binder.
                string name = Path.GetFileNameWithoutExtension(path);
                if (!paths.ContainsKey(name))
                {
                    paths.Add(name, path);
                }
            }

            return paths;
        }
    }
}
