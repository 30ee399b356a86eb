using System.Management.Automation;
using AcrWebhookEvents.Commands.Internal;

namespace AcrWebhookEvents.Commands
{
    /// <summary>Shows the module's sign-in context (never a token); writes nothing when nobody connected.</summary>
    [Cmdlet(VerbsCommon.Get, "AcrContext")]
    [OutputType(typeof(AcrContext))]
    public sealed class GetAcrContextCommand : PSCmdlet
    {
        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            IAcrConnection? connection = AcrSession.Current;
            if (connection is null)
            {
                WriteVerbose("Not connected: commands sign in with Azure.Identity's default chain against AzureCloud.");
                return;
            }

            WriteObject(connection.Context);
        }
    }
}
