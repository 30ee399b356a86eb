using System;
using System.Management.Automation;
using AcrWebhookEvents.Commands.Internal;

namespace AcrWebhookEvents.Commands
{
    /// <summary>
    /// Lists the recorded deliveries of a webhook, page by page, writing each page's events as soon as the page
    /// has been read whole.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AcrWebhookEvent", DefaultParameterSetName = ByNameSet)]
    [OutputType(typeof(AcrWebhookEvent))]
    public sealed class GetAcrWebhookEventCommand : AcrCmdlet
    {
        private const string ByNameSet = "ByName";
        private const string ByResourceIdSet = "ByResourceId";

        /// <summary>The webhook's subscription; default: the context's, then AZURE_SUBSCRIPTION_ID.</summary>
        [Parameter(ParameterSetName = ByNameSet, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.SubscriptionId)]
        public string? SubscriptionId { get; set; }

        /// <summary>The registry's resource group.</summary>
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.ResourceGroup)]
        public string ResourceGroupName { get; set; } = string.Empty;

        /// <summary>The registry's name.</summary>
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.Registry)]
        public string RegistryName { get; set; } = string.Empty;

        /// <summary>The webhook's name.</summary>
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.Webhook)]
        public string WebhookName { get; set; } = string.Empty;

        /// <summary>The webhook's full ARM resource ID.</summary>
        [Parameter(ParameterSetName = ByResourceIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateArmName(ArmName.WebhookResourceId)]
        public string ResourceId { get; set; } = string.Empty;

        /// <summary>The ARM api-version to call.</summary>
        [Parameter]
        [ValidateArmName(ArmName.ApiVersion)]
        public string ApiVersion { get; set; } = AcrNames.DefaultApiVersion;

        /// <summary>Show recorded header values and callback URL keys instead of masking them.</summary>
        [Parameter]
        public SwitchParameter ShowSecret { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            IAcrConnection connection;
            try
            {
                connection = AcrSession.GetOrConnectImplicitly(Cancellation);
            }
            catch (AcrException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, null));
                return;
            }

            WebhookAddress webhook = ResolveWebhook(connection.Context);
            var diagnostics = new QueuedDiagnostics();
            var options = new EventQueryOptions
            {
                ApiVersion = ApiVersion,
                ShowSecret = ShowSecret.IsPresent,
                Diagnostics = diagnostics,
            };
            IEventPageReader reader = connection.OpenEvents(webhook, options);
            try
            {
                EventPage? page;
                while ((page = Wait(reader.ReadNextPageAsync(Cancellation))) != null)
                {
                    diagnostics.Flush(this);
                    WriteVerbose(
                        $"{page.Request.Method} {page.Request.Path} -> {page.Request.Status}: page {page.Number} of "
                            + $"{webhook}, {page.Events.Count} events ({page.Request.Elapsed.TotalMilliseconds:F0} ms, "
                            + $"correlation ID {page.Request.CorrelationId ?? "none"}).");
                    foreach (AcrWebhookEvent item in page.Events)
                    {
                        WriteObject(item);
                    }
                }
            }
            catch (AcrException ex)
            {
                // One webhook's failure does not end the pipeline: the next input record may be fine.
                diagnostics.Flush(this);
                WriteError(ErrorRecords.From(ex, webhook));
            }
        }

        private WebhookAddress ResolveWebhook(AcrContext context)
        {
            if (ParameterSetName == ByResourceIdSet)
            {
                return WebhookAddress.TryParse(ResourceId, out _)!;
            }

            string subscription = SubscriptionId ?? context.SubscriptionId ?? DefaultSubscriptionFromEnvironment();
            return new WebhookAddress(subscription, ResourceGroupName, RegistryName, WebhookName);
        }

        private string DefaultSubscriptionFromEnvironment()
        {
            string? value = Environment.GetEnvironmentVariable("AZURE_SUBSCRIPTION_ID");
            if (string.IsNullOrWhiteSpace(value))
            {
                ThrowTerminatingError(ErrorRecords.Invalid(
                    "SubscriptionRequired",
                    "No subscription to look in: give -SubscriptionId, connect with Connect-AcrAccount -SubscriptionId,"
                        + " or set AZURE_SUBSCRIPTION_ID.",
                    null));
            }

            string? error = AcrNames.CheckSubscriptionId(value!.Trim());
            if (error != null)
            {
                ThrowTerminatingError(ErrorRecords.Invalid("InvalidSubscriptionId", "AZURE_SUBSCRIPTION_ID: " + error, value));
            }

            return value.Trim();
        }
    }
}
