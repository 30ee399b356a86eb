using System.Management.Automation;
using AcrWebhookEvents.Commands.Internal;

namespace AcrWebhookEvents.Commands
{
    /// <summary>Forgets the module's sign-in context; later commands use the default chain again.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AcrAccount")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAcrAccountCommand : PSCmdlet
    {
        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            IAcrConnection? previous = AcrSession.Clear();
            WriteVerbose(previous is null ? "Was not connected." : $"Disconnected {previous.Context}.");
        }
    }
}
