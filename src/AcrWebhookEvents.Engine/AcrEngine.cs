using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AcrWebhookEvents.Engine.Auth;
using AcrWebhookEvents.Engine.Http;
using AcrWebhookEvents.Engine.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrWebhookEvents.Engine
{
    /// <summary>
    /// The engine's entry point. The cmdlets find it by name and use it only through <see cref="IAcrEngine"/>.
    /// </summary>
    public sealed class AcrEngine : IAcrEngine
    {
        private const string SubscriptionsApiVersion = "2022-12-01";
        private readonly HttpPipelineTransport? _transport;
        private readonly RetrySettings _retry;

        /// <summary>An engine that talks over the network.</summary>
        public AcrEngine()
        {
            _retry = RetrySettings.Default;
        }

        /// <summary>
        /// For tests: an engine whose pipelines use the given transport (a test CA, say) and retry settings.
        /// </summary>
        internal AcrEngine(HttpPipelineTransport transport, RetrySettings? retry = null)
        {
            _transport = transport;
            _retry = retry ?? RetrySettings.Default;
        }

        /// <inheritdoc/>
        public async Task<IAcrConnection> ConnectAsync(AcrConnectOptions options, CancellationToken cancellationToken)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            ArmEnvironment environment = ArmEnvironment.Resolve(options.Environment, options.ResourceManagerUrl);
            string audience = string.IsNullOrEmpty(options.Audience) ? environment.DefaultAudience : options.Audience!;
            TimeSpan timeout = options.NetworkTimeout ?? ArmClientOptions.DefaultNetworkTimeout;
            if (timeout <= TimeSpan.Zero)
            {
                throw new AcrException(AcrErrorKind.Configuration, "The network timeout must be longer than zero.");
            }

            TokenCredential credential = CredentialFactory.Create(options, environment);
            bool canRefresh = options.AuthMethod != AcrAuthMethod.AccessToken;
            HttpPipeline pipeline = HttpPipelineBuilder.Build(
                new ArmClientOptions(timeout, _transport, _retry),
                Array.Empty<HttpPipelinePolicy>(),
                new HttpPipelinePolicy[]
                {
                    new RefreshingTokenPolicy(credential, audience, canRefresh),
                    new RequestLogPolicy(),
                    new PooledBodyPolicy(),
                },
                new ResponseClassifier());
            var client = new ArmClient(pipeline, environment.ResourceManager, options.AuthMethod, timeout);
            var context = new AcrContext
            {
                Environment = environment.Name,
                ResourceManagerUrl = environment.ResourceManager,
                Audience = audience,
                AuthorityHost = environment.AuthorityHost,
                AuthMethod = options.AuthMethod,
                ClientId = options.ClientId,
                TenantId = options.TenantId,
                SubscriptionId = options.SubscriptionId?.ToLowerInvariant(),
                NetworkTimeout = timeout,
                IsImplicit = options.Implicit,
            };

            if (!options.Implicit)
            {
                // Sign-in is checked now, so a wrong identity fails at Connect and not in the middle of a runbook.
                AccessToken token = await GetTokenAsync(credential, audience, cancellationToken).ConfigureAwait(false);
                JwtClaims? claims = JwtClaims.Parse(token.Token);
                context.Account = claims?.Account;
                context.TenantId ??= claims?.TenantId;
                if (context.SubscriptionId is null)
                {
                    await PickOnlySubscriptionAsync(client, context, options.Diagnostics, cancellationToken)
                        .ConfigureAwait(false);
                }
            }

            return new AcrConnection(context, client);
        }

        private static async Task<AccessToken> GetTokenAsync(
            TokenCredential credential,
            string audience,
            CancellationToken cancellationToken)
        {
            try
            {
                return await credential.GetTokenAsync(new TokenRequestContext(new[] { audience }), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (AcrException)
            {
                throw;
            }
            catch (Exception ex)
            {
                throw ArmClient.CredentialFailure(ex);
            }
        }

        /// <summary>When the identity sees exactly one subscription, that one becomes the default.</summary>
        private static async Task PickOnlySubscriptionAsync(
            ArmClient client,
            AcrContext context,
            IAcrDiagnostics? diagnostics,
            CancellationToken cancellationToken)
        {
            using ArmResponse response = await client.SendAsync(
                RequestMethod.Get,
                client.BuildUri("subscriptions", SubscriptionsApiVersion),
                "the subscription list",
                diagnostics,
                cancellationToken).ConfigureAwait(false);
            SubscriptionListDto? list;
            try
            {
                list = response.Read(EngineJsonContext.Default.SubscriptionListDto);
            }
            catch (JsonException)
            {
                return;
            }

            SubscriptionDto[] visible = (list?.Value ?? Enumerable.Empty<SubscriptionDto?>())
                .Where(s => AcrNames.CheckSubscriptionId(s?.SubscriptionId) is null)
                .Select(s => s!)
                .ToArray();
            if (visible.Length == 1)
            {
                context.SubscriptionId = visible[0].SubscriptionId!.ToLowerInvariant();
                context.SubscriptionName = visible[0].DisplayName;
                context.TenantId ??= visible[0].TenantId;
            }
        }
    }
}
