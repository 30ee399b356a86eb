using System;
using System.Collections.Generic;
using System.Management.Automation;
using AcrWebhookEvents.Commands.Internal;

namespace AcrWebhookEvents.Commands
{
    /// <summary>
    /// Lists the recorded deliveries of one webhook or of many (a registry's, a resource group's, a subscription's,
    /// or whatever is piped in), reading many webhooks concurrently and writing each page's events as soon as the
    /// page has been read whole.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AcrWebhookEvent", SupportsPaging = true)]
    [OutputType(typeof(AcrWebhookEvent))]
    [OutputType(typeof(string))]
    public sealed class GetAcrWebhookEventCommand : AcrResourceCmdlet
    {
        private const int ProgressId = 4711;
        private readonly List<WebhookAddress> _webhooks = new List<WebhookAddress>();
        private readonly HashSet<WebhookAddress> _known = new HashSet<WebhookAddress>();
        private readonly QueuedDiagnostics _diagnostics = new QueuedDiagnostics();
        private readonly WatchState _watch = new WatchState();
        private EventFilter _filter = null!;
        private ulong _skipped;
        private ulong _written;
        private ulong _matched;

        /// <summary>The webhook.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.Webhook)]
        [ArgumentCompleter(typeof(ArmNameCompleter))]
        public string? WebhookName { get; set; }

        /// <summary>A webhook's resource ID, or a registry's for all of its webhooks. Wins over names.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateArmName(ArmName.WebhookOrRegistryResourceId)]
        public string? ResourceId { get; set; }

        /// <summary>
        /// Only events of these actions (push, delete, chart_push, chart_delete, quarantine, ping, ...).
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(ActionCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? Action { get; set; }

        /// <summary>Only events of repositories that match one of these wildcard patterns.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Repository { get; set; }

        /// <summary>Only events whose tag matches one of these wildcard patterns.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Tag { get; set; }

        /// <summary>Only events at or after this time (a time without an offset is local time).</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>Only events at or before this time (a time without an offset is local time).</summary>
        [Parameter]
        public DateTime? Until { get; set; }

        /// <summary>Only failed deliveries: no answer from the endpoint, or a status of 400 or more.</summary>
        [Parameter]
        public SwitchParameter Failed { get; set; }

        /// <summary>How many webhooks are read at once. Each listEvents call spends ARM's write budget.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 10;

        /// <summary>Keep watching: poll again every -PollInterval seconds and write only new events.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds between polls with -Wait.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int PollInterval { get; set; } = 30;

        /// <summary>With -Wait, stop watching after this many seconds (default: until Ctrl+C).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; }

        /// <summary>
        /// Write each event as the JSON text the service returned (secrets masked unless -ShowSecret).
        /// </summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>The ARM api-version for listEvents.</summary>
        [Parameter]
        [ValidateArmName(ArmName.ApiVersion)]
        public string ApiVersion { get; set; } = AcrNames.DefaultApiVersion;

        /// <summary>Show recorded header values and callback URL keys instead of masking them.</summary>
        [Parameter]
        public SwitchParameter ShowSecret { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            _filter = new EventFilter(Action, Repository, Tag, Since, Until, Failed.IsPresent);
            if (!Wait && MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)))
            {
                WriteWarning("-Timeout applies only with -Wait; ignored.");
            }
        }

        /// <summary>Collects the webhooks of each input; reading starts once all input has arrived.</summary>
        protected override void ProcessRecord()
        {
            foreach (AcrWebhook webhook in ResolveWebhooks(ResourceId, WebhookName))
            {
                WebhookAddress address = webhook.Address;
                if (_known.Add(address))
                {
                    _webhooks.Add(address);
                }
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_webhooks.Count == 0)
            {
                WriteVerbose("No webhook to read.");
                WriteTotal(complete: true);
                return;
            }

            var options = new EventQueryOptions
            {
                ApiVersion = ApiVersion,
                ShowSecret = ShowSecret.IsPresent,
                IncludeRawJson = Raw.IsPresent,
                Diagnostics = _diagnostics,
            };
            bool complete = Read(options, watch: null);
            if (Wait && complete)
            {
                Watch(options);
                return;
            }

            WriteTotal(complete);
        }

        /// <summary>Reads every webhook once; returns false when -First ended it early.</summary>
        /// <param name="options">How to read.</param>
        /// <param name="watch">With -Wait, which events each webhook already showed; null on the first read.</param>
        private bool Read(EventQueryOptions options, WatchState? watch)
        {
            bool progress = _webhooks.Count > 1 && watch is null;
            IEventStream stream = Connection.OpenEventStream(_webhooks, options, ThrottleLimit);
            int finished = 0;
            try
            {
                EventBatch? batch;
                while ((batch = WaitFor(stream.NextAsync(Cancellation), _diagnostics)) != null)
                {
                    if (batch.Error != null)
                    {
                        WriteError(ErrorRecords.From(batch.Error, batch.Webhook));
                    }
                    else if (!WritePage(batch, watch))
                    {
                        return false;
                    }

                    // Once per webhook written to the end (or failed): a record per page would cost more than it tells.
                    if (progress && (batch.Error != null || !batch.Page!.HasMore))
                    {
                        finished++;
                        WriteProgress(Progress(finished, ProgressRecordType.Processing));
                    }
                }

                _diagnostics.Flush(this);
                return true;
            }
            finally
            {
                stream.Dispose();
                if (progress && !Stopping)
                {
                    WriteProgress(Progress(finished, ProgressRecordType.Completed));
                }
            }
        }

        private ProgressRecord Progress(int finished, ProgressRecordType type) =>
            new ProgressRecord(ProgressId, "Reading webhook events", $"{finished} of {_webhooks.Count} webhooks")
            {
                PercentComplete = 100 * finished / _webhooks.Count,
                RecordType = type,
            };

        /// <summary>Writes a page's matching events; returns false once -First is reached.</summary>
        private bool WritePage(EventBatch batch, WatchState? watch)
        {
            EventPage page = batch.Page!;
            WriteVerbose(
                $"{page.Request.Method} {page.Request.Path} -> {page.Request.Status}: page {page.Number} of "
                    + $"{batch.Webhook}, {page.Events.Count} events ({page.Request.Elapsed.TotalMilliseconds:F0} ms, "
                    + $"correlation ID {page.Request.CorrelationId ?? "none"}).");
            IReadOnlyList<AcrWebhookEvent> events = page.Events;
            if (watch != null)
            {
                events = watch.Unseen(batch.Webhook, events, out bool overlaps);
                batch.ReadNoFurther = overlaps;
            }
            else if (Wait && page.Number == 1)
            {
                // The newest page is enough to find where the next poll meets what was already written.
                _watch.Remember(batch.Webhook, page.Events);
            }

            foreach (AcrWebhookEvent item in events)
            {
                if (!_filter.Matches(item))
                {
                    continue;
                }

                _matched++;
                if (_skipped < PagingParameters.Skip)
                {
                    _skipped++;
                    continue;
                }

                WriteObject(Raw ? (object?)item.RawJson : item);
                if (++_written >= PagingParameters.First)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Polls until Ctrl+C, -Timeout or -First, writing only events not seen before.</summary>
        private void Watch(EventQueryOptions options)
        {
            DateTime? deadline = Timeout > 0 ? DateTime.UtcNow.AddSeconds(Timeout) : (DateTime?)null;
            var interval = TimeSpan.FromSeconds(PollInterval);
            while (true)
            {
                TimeSpan pause = interval;
                if (deadline.HasValue)
                {
                    TimeSpan left = deadline.Value - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                    {
                        WriteVerbose($"Stopped watching after {Timeout} s (-Timeout).");
                        return;
                    }

                    pause = left < interval ? left : interval;
                }

                WriteVerbose($"Waiting {pause.TotalSeconds:F0} s before the next poll.");
                WaitFor(System.Threading.Tasks.Task.Delay(pause, Cancellation));
                if (deadline.HasValue && DateTime.UtcNow >= deadline.Value)
                {
                    WriteVerbose($"Stopped watching after {Timeout} s (-Timeout).");
                    return;
                }

                _watch.StartPoll();
                if (!Read(options, _watch))
                {
                    return;
                }

                foreach (WebhookAddress gap in _watch.EndPoll())
                {
                    WriteWarning(
                        $"None of the events seen in the previous poll of {gap} came back: events between the polls "
                            + "may have been missed, because the service keeps only recent events. Poll more often "
                            + "with -PollInterval.");
                }
            }
        }

        private void WriteTotal(bool complete)
        {
            if (PagingParameters.IncludeTotalCount)
            {
                // Stopped by -First, the total is unknown: what was seen so far, with accuracy 0.
                WriteObject(PagingParameters.NewTotalCount(_matched, complete ? 1.0 : 0.0));
            }
        }
    }
}
