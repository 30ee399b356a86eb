using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Decides which events are written. It never changes what is requested: the service has no filter, so every
    /// page is read and only the matching events go to the pipeline.
    /// </summary>
    internal sealed class EventFilter
    {
        private const WildcardOptions MatchOptions = WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant;

        private readonly HashSet<string>? _actions;
        private readonly WildcardPattern[]? _repositories;
        private readonly WildcardPattern[]? _tags;
        private readonly DateTimeOffset? _since;
        private readonly DateTimeOffset? _until;
        private readonly bool _failed;

        internal EventFilter(
            string[]? actions,
            string[]? repositories,
            string[]? tags,
            DateTime? since,
            DateTime? until,
            bool failed)
        {
            _actions = actions is { Length: > 0 }
                ? new HashSet<string>(actions, StringComparer.OrdinalIgnoreCase)
                : null;
            _repositories = Patterns(repositories);
            _tags = Patterns(tags);

            // A DateTime without an offset (Get-Date's, or a typed string) is local time; DateTimeOffset reads it so.
            _since = since.HasValue ? new DateTimeOffset(since.Value) : (DateTimeOffset?)null;
            _until = until.HasValue ? new DateTimeOffset(until.Value) : (DateTimeOffset?)null;
            _failed = failed;
        }

        internal bool Matches(AcrWebhookEvent item)
        {
            if (_actions != null && (item.Action is null || !_actions.Contains(item.Action)))
            {
                return false;
            }

            if (_repositories != null && !Any(_repositories, item.Repository))
            {
                return false;
            }

            if (_tags != null && !Any(_tags, item.Tag))
            {
                return false;
            }

            if ((_since.HasValue || _until.HasValue) && item.Timestamp is null)
            {
                return false;
            }

            if (item.Timestamp < _since || item.Timestamp > _until)
            {
                return false;
            }

            return !_failed || item.Failed;
        }

        private static WildcardPattern[]? Patterns(string[]? values) =>
            values is { Length: > 0 }
                ? values.Select(v => WildcardPattern.Get(v, MatchOptions)).ToArray()
                : null;

        private static bool Any(WildcardPattern[] patterns, string? value) =>
            value != null && patterns.Any(p => p.IsMatch(value));
    }
}
