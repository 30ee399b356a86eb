using System.Management.Automation;
using AcrWebhookEvents.Commands.Internal;

namespace AcrWebhookEvents.Commands
{
    /// <summary>
    /// Lists the webhooks of a registry, of every registry in a resource group, or of every registry in the
    /// subscription. Its objects pipe into Get-AcrWebhookEvent and Test-AcrWebhook.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AcrWebhook")]
    [OutputType(typeof(AcrWebhook))]
    public sealed class GetAcrWebhookCommand : AcrResourceCmdlet
    {
        /// <summary>Only webhooks whose name matches this wildcard pattern.</summary>
        [Parameter(Position = 2)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string? Name { get; set; }

        /// <summary>A registry's resource ID (from Get-AzContainerRegistry, say), or a webhook's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateArmName(ArmName.WebhookOrRegistryResourceId)]
        public string? ResourceId { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            WildcardPattern? pattern = Name is null
                ? null
                : WildcardPattern.Get(Name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            foreach (AcrWebhook webhook in ResolveWebhooks(ResourceId, null))
            {
                if (pattern is null || pattern.IsMatch(webhook.Name))
                {
                    WriteObject(webhook);
                }
            }
        }
    }
}
