using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Completes -Action with the actions the service is known to record; any other value is accepted.
    /// </summary>
    public sealed class ActionCompleter : IArgumentCompleter
    {
        internal static readonly string[] KnownActions =
        {
            "push", "delete", "chart_push", "chart_delete", "quarantine", "ping",
        };

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters) =>
            KnownActions
                .Where(a => a.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
                .Select(a => new CompletionResult(a, a, CompletionResultType.ParameterValue, a));
    }

    /// <summary>
    /// Completes resource group, registry and webhook names from ARM. Only with a context made by Connect-AcrAccount
    /// (never starting a sign-in on Tab), within about two seconds, silent on failure, answers cached for a minute.
    /// </summary>
    public sealed class ArmNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
        private static readonly ConcurrentDictionary<string, (DateTime At, string[] Names)> Cache =
            new ConcurrentDictionary<string, (DateTime, string[])>(StringComparer.OrdinalIgnoreCase);

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            IAcrConnection? connection = AcrSession.Current;
            if (connection is null || connection.Context.IsImplicit)
            {
                return Array.Empty<CompletionResult>();
            }

            string? subscription = Bound(fakeBoundParameters, "SubscriptionId") ?? connection.Context.SubscriptionId;
            if (subscription is null || AcrNames.CheckSubscriptionId(subscription) != null)
            {
                return Array.Empty<CompletionResult>();
            }

            string? group = Bound(fakeBoundParameters, "ResourceGroupName");
            string? registry = Bound(fakeBoundParameters, "RegistryName");
            string key = string.Join(
                "|", connection.Context.ResourceManagerUrl, subscription, parameterName, group, registry);
            string[] names;
            if (Cache.TryGetValue(key, out (DateTime At, string[] Names) cached)
                && DateTime.UtcNow - cached.At < CacheLifetime)
            {
                names = cached.Names;
            }
            else
            {
                names = Fetch(connection, parameterName, subscription, group, registry);
                Cache[key] = (DateTime.UtcNow, names);
            }

            string prefix = wordToComplete.Trim('\'', '"');
            return names
                .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
        }

        private static string[] Fetch(
            IAcrConnection connection,
            string parameterName,
            string subscription,
            string? group,
            string? registry)
        {
            using var budget = new CancellationTokenSource(Budget);
            try
            {
                Task<string[]> names = FetchAsync(
                    connection, parameterName, subscription, group, registry, budget.Token);
                return names.Wait(Budget) ? names.Result : Array.Empty<string>();
            }
            catch (Exception)
            {
                // Completion must never disturb typing: no names is the answer to any failure.
                return Array.Empty<string>();
            }
        }

        private static async Task<string[]> FetchAsync(
            IAcrConnection connection,
            string parameterName,
            string subscription,
            string? group,
            string? registry,
            CancellationToken cancellationToken)
        {
            bool groups = string.Equals(parameterName, "ResourceGroupName", StringComparison.OrdinalIgnoreCase);
            IReadOnlyList<AcrRegistry> registries = await connection
                .ListRegistriesAsync(
                    subscription, groups ? null : group, AcrResourceCmdlet.ResourceApiVersion, cancellationToken)
                .ConfigureAwait(false);
            if (groups)
            {
                return registries
                    .Select(r => r.ResourceGroupName)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .OrderBy(n => n)
                    .ToArray();
            }

            if (string.Equals(parameterName, "RegistryName", StringComparison.OrdinalIgnoreCase))
            {
                return registries.Select(r => r.Name).OrderBy(n => n).ToArray();
            }

            AcrRegistry? owner = registries.FirstOrDefault(
                r => string.Equals(r.Name, registry, StringComparison.OrdinalIgnoreCase));
            if (owner is null)
            {
                return Array.Empty<string>();
            }

            IReadOnlyList<AcrWebhook> webhooks = await connection
                .ListWebhooksAsync(owner, AcrResourceCmdlet.ResourceApiVersion, cancellationToken)
                .ConfigureAwait(false);
            return webhooks.Select(w => w.Name).OrderBy(n => n).ToArray();
        }

        private static string? Bound(IDictionary parameters, string name)
        {
            object? value = parameters.Contains(name) ? parameters[name] : null;
            return (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString();
        }
    }
}
