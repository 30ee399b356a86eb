using System;
using System.Management.Automation;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>Which ARM naming rule a parameter follows.</summary>
    internal enum ArmName
    {
        SubscriptionId,
        ResourceGroup,
        Registry,
        Webhook,
        ApiVersion,
        WebhookResourceId,
        WebhookOrRegistryResourceId,
    }

    /// <summary>Validates a parameter against ARM's rule during binding, with a message that states the rule.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateArmNameAttribute : ValidateArgumentsAttribute
    {
        private readonly ArmName _kind;

        public ValidateArmNameAttribute(ArmName kind)
        {
            _kind = kind;
        }

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            string? text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString();
            string? error = _kind switch
            {
                ArmName.SubscriptionId => AcrNames.CheckSubscriptionId(text),
                ArmName.ResourceGroup => AcrNames.CheckResourceGroupName(text),
                ArmName.Registry => AcrNames.CheckRegistryName(text),
                ArmName.Webhook => AcrNames.CheckWebhookName(text),
                ArmName.ApiVersion => AcrNames.CheckApiVersion(text),
                ArmName.WebhookResourceId => WebhookAddress.TryParse(text, out string? why) is null ? why : null,
                _ => ParseAny(text),
            };
            if (error != null)
            {
                throw new ValidationMetadataException(error);
            }
        }

        private static string? ParseAny(string? text)
        {
            WebhookAddress.TryParseAny(text, out _, out string? error);
            return error;
        }
    }
}
