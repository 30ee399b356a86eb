using System;
using System.Management.Automation;
using System.Security;
using AcrWebhookEvents.Commands.Internal;

namespace AcrWebhookEvents.Commands
{
    /// <summary>Signs in and makes the result the module's context for every later command in this process.</summary>
    [Cmdlet(VerbsCommunications.Connect, "AcrAccount", DefaultParameterSetName = DefaultChainSet)]
    [OutputType(typeof(AcrContext))]
    public sealed class ConnectAcrAccountCommand : AcrCmdlet
    {
        private const string DefaultChainSet = "DefaultChain";
        private const string IdentitySet = "ManagedIdentity";
        private const string AccessTokenSet = "AccessToken";

        /// <summary>Sign in with a managed identity (Azure Automation, App Service, a VM).</summary>
        [Parameter(ParameterSetName = IdentitySet, Mandatory = true)]
        public SwitchParameter Identity { get; set; }

        /// <summary>The client ID of a user-assigned managed identity.</summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [Parameter(ParameterSetName = DefaultChainSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>An ARM access token obtained elsewhere, such as (Get-AzAccessToken).Token.</summary>
        [Parameter(ParameterSetName = AccessTokenSet, Mandatory = true)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>The tenant to sign in to.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        /// <summary>The default subscription; without it, the only subscription the identity sees is used.</summary>
        [Parameter]
        [ValidateArmName(ArmName.SubscriptionId)]
        public string? SubscriptionId { get; set; }

        /// <summary>The Azure cloud.</summary>
        [Parameter]
        [ValidateSet("AzureCloud", "AzureChinaCloud", "AzureUSGovernment")]
        public string? Environment { get; set; }

        /// <summary>Any other ARM endpoint (Azure Stack Hub, a test server); https only.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? ResourceManagerUrl { get; set; }

        /// <summary>The token scope; default: the ARM endpoint's origin + /.default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Audience { get; set; }

        /// <summary>The longest a single HTTP request may take, in seconds (default 30).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (Environment != null && ResourceManagerUrl != null)
            {
                ThrowTerminatingError(ErrorRecords.Invalid(
                    "EnvironmentAndUrl",
                    "Give either -Environment or -ResourceManagerUrl, not both.",
                    ResourceManagerUrl));
            }

            var diagnostics = new QueuedDiagnostics();
            var options = new AcrConnectOptions
            {
                AuthMethod = ParameterSetName switch
                {
                    IdentitySet => AcrAuthMethod.ManagedIdentity,
                    AccessTokenSet => AcrAuthMethod.AccessToken,
                    _ => AcrAuthMethod.DefaultChain,
                },
                ClientId = ClientId,
                TenantId = TenantId,
                AccessToken = AccessToken,
                SubscriptionId = SubscriptionId,
                Environment = Environment,
                ResourceManagerUrl = ResourceManagerUrl,
                Audience = Audience,
                NetworkTimeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
                Diagnostics = diagnostics,
            };

            string target = ResourceManagerUrl?.ToString() ?? Environment ?? "AzureCloud";
            WriteVerbose($"Signing in with {options.AuthMethod} to {target}.");
            IAcrConnection connection;
            try
            {
                connection = WaitFor(EngineLoader.Engine.ConnectAsync(options, Cancellation), diagnostics);
            }
            catch (AcrException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ResourceManagerUrl ?? (object?)Environment));
                return;
            }

            AcrSession.Set(connection);
            if (connection.Context.SubscriptionId is null)
            {
                WriteWarning(
                    "No default subscription: the identity sees none or several. Give -SubscriptionId here or to each "
                        + "command, or set AZURE_SUBSCRIPTION_ID.");
            }

            WriteObject(connection.Context);
        }
    }
}
