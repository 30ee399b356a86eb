using System;
using System.IO;
using System.Reflection;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Windows PowerShell 5.1 only: answers the assembly requests .NET Framework cannot bind by itself with the
    /// module's own copies in dependencies/, at whatever version was asked for.
    /// </summary>
    /// <remarks>
    /// .NET Framework has no load contexts, and a module cannot bring binding redirects, so a request for, say,
    /// System.Memory 4.0.1.1 from a library built against it fails against our 4.0.1.2 unless someone answers.
    /// This handler answers only with files from dependencies/ (and with the abstractions already loaded), never
    /// for a request that comes from another module's assembly. Another module's handler may answer first, and
    /// whichever module loads an assembly first decides the copy the whole process gets: on 5.1 living beside
    /// Az.Accounts is best effort. The test suite runs on Linux and never executes this class.
    /// </remarks>
    internal static class FrameworkAssemblyResolver
    {
        private static readonly object Gate = new object();
        private static bool _registered;

        internal static void Register()
        {
            lock (Gate)
            {
                if (!_registered)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                    _registered = true;
                }
            }
        }

        internal static void Unregister()
        {
            lock (Gate)
            {
                if (_registered)
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                    _registered = false;
                }
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
            {
                return null;
            }

            string? name = requested.Name;
            if (name is null || !string.IsNullOrEmpty(requested.CultureName)
                || IsAnotherModules(args.RequestingAssembly))
            {
                return null;
            }

            if (string.Equals(name, ModuleDependencies.AbstractionsName, StringComparison.OrdinalIgnoreCase))
            {
                return typeof(IAcrEngine).Assembly;
            }

            // LoadFrom returns the already loaded assembly for a path it has seen, so repeated requests share one copy.
            return ModuleDependencies.Assemblies.TryGetValue(name, out string? path) ? Assembly.LoadFrom(path) : null;
        }

        /// <summary>True when the runtime names the requester and it lives outside this module's folder.</summary>
        private static bool IsAnotherModules(Assembly? requester)
        {
            // Often null on .NET Framework; dynamic assemblies have no location. Neither tells us anything.
            if (requester is null || requester.IsDynamic || string.IsNullOrEmpty(requester.Location))
            {
                return false;
            }

            string moduleRoot =
                Path.GetDirectoryName(typeof(FrameworkAssemblyResolver).Assembly.Location) ?? string.Empty;
            string requesterFolder = Path.GetDirectoryName(requester.Location) ?? string.Empty;
            return !string.Equals(requesterFolder, moduleRoot, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(requesterFolder, ModuleDependencies.Folder, StringComparison.OrdinalIgnoreCase);
        }
    }
}
