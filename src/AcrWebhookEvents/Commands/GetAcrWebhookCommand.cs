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
        /// <summary>The subscription; default: the context's, then AZURE_SUBSCRIPTION_ID. Ignored with -ResourceId.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.SubscriptionId)]
        public string? SubscriptionId { get; set; }

        /// <summary>The resource group; alone, the webhooks of every registry in it.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.ResourceGroup)]
        [ArgumentCompleter(typeof(ArmNameCompleter))]
        public string? ResourceGroupName { get; set; }

        /// <summary>The registry; found in the subscription when no group is given.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateArmName(ArmName.Registry)]
        [ArgumentCompleter(typeof(ArmNameCompleter))]
        public string? RegistryName { get; set; }

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
            foreach (AcrWebhook webhook in ResolveWebhooks(ResourceId, SubscriptionId, ResourceGroupName, RegistryName, null))
            {
                if (pattern is null || pattern.IsMatch(webhook.Name))
                {
                    WriteObject(webhook);
                }
            }
        }
    }
}
