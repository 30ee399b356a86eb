using System;
using System.Management.Automation;
using AcrWebhookEvents.Commands.Internal;

namespace AcrWebhookEvents.Commands
{
    /// <summary>
    /// Pings a webhook: the registry sends a real request to the webhook's endpoint and records it as a ping event.
    /// Never retried, since a retry would call the endpoint again.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AcrWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AcrWebhookPingResult))]
    public sealed class TestAcrWebhookCommand : AcrResourceCmdlet
    {
        /// <summary>The webhook to ping.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.Webhook)]
        [ArgumentCompleter(typeof(ArmNameCompleter))]
        public string? WebhookName { get; set; }

        /// <summary>The webhook's resource ID. Wins over names.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateArmName(ArmName.WebhookResourceId)]
        public string? ResourceId { get; set; }

        /// <summary>The ARM api-version for the ping.</summary>
        [Parameter]
        [ValidateArmName(ArmName.ApiVersion)]
        public string ApiVersion { get; set; } = AcrNames.DefaultApiVersion;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            bool named = !string.IsNullOrEmpty(RegistryName) && !string.IsNullOrEmpty(WebhookName);
            if (string.IsNullOrEmpty(ResourceId) && !named)
            {
                WriteError(ErrorRecords.Invalid(
                    "WebhookRequired",
                    "Test-AcrWebhook pings one webhook: give -RegistryName and -WebhookName, or -ResourceId.",
                    null));
                return;
            }

            foreach (AcrWebhook webhook in ResolveWebhooks(ResourceId, WebhookName))
            {
                WebhookAddress address = webhook.Address;
                if (!ShouldProcess(address.ResourceId, "Send a ping to the webhook's endpoint"))
                {
                    continue;
                }

                DateTimeOffset sentAt = DateTimeOffset.UtcNow;
                try
                {
                    string? id = WaitFor(Connection.PingAsync(address, ApiVersion, Cancellation));
                    WriteVerbose($"Pinged {address}; the ping event is {id ?? "(no ID returned)"}.");
                    WriteObject(new AcrWebhookPingResult(address, id, sentAt));
                }
                catch (AcrException ex)
                {
                    WriteError(ErrorRecords.From(ex, address));
                }
            }
        }
    }
}
