using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OtherAzureCore
{
    /// <summary>
    /// Test only: lists the subscriptions of an ARM endpoint through this module's own Azure.Core pipeline, with a
    /// bearer token from a managed identity endpoint, and says which Azure.Core did the work.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OtherAzureCoreSubscription")]
    [OutputType(typeof(OtherAzureCoreResult))]
    public sealed class GetOtherAzureCoreSubscriptionCommand : PSCmdlet
    {
        /// <summary>The ARM endpoint, https.</summary>
        [Parameter(Mandatory = true)]
        public Uri ResourceManagerUrl { get; set; } = null!;

        /// <summary>The managed identity endpoint (IDENTITY_ENDPOINT).</summary>
        [Parameter(Mandatory = true)]
        public Uri IdentityEndpoint { get; set; } = null!;

        /// <summary>The managed identity header value (IDENTITY_HEADER).</summary>
        [Parameter(Mandatory = true)]
        public string IdentityHeader { get; set; } = null!;

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var options = new OtherClientOptions();
            options.Retry.MaxRetries = 0;
            var credential = new IdentityEndpointCredential(
                IdentityEndpoint, IdentityHeader, HttpPipelineBuilder.Build(options));
            string scope = ResourceManagerUrl.GetLeftPart(UriPartial.Authority) + "/.default";
            HttpPipeline pipeline =
                HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, scope));

            using HttpMessage message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(new Uri(ResourceManagerUrl, "subscriptions?api-version=2022-12-01"));
            pipeline.Send(message, CancellationToken.None);
            if (message.Response.Status != 200)
            {
                throw new InvalidOperationException(
                    $"ARM answered {message.Response.Status}: {message.Response.Content}");
            }

            var ids = new List<string>();
            using (JsonDocument document = JsonDocument.Parse(message.Response.Content.ToMemory()))
            {
                foreach (JsonElement subscription in document.RootElement.GetProperty("value").EnumerateArray())
                {
                    ids.Add(subscription.GetProperty("subscriptionId").GetString()!);
                }
            }

            var azureCore = typeof(HttpPipeline).Assembly;
            WriteObject(new OtherAzureCoreResult
            {
                SubscriptionIds = ids.ToArray(),
                AzureCoreVersion = azureCore.GetName().Version!.ToString(),
                AzureCoreLocation = azureCore.Location,
            });
        }

        private sealed class OtherClientOptions : ClientOptions
        {
        }

        /// <summary>Gets a token from the identity endpoint through an Azure.Core pipeline of its own.</summary>
        private sealed class IdentityEndpointCredential : TokenCredential
        {
            private readonly Uri _endpoint;
            private readonly string _header;
            private readonly HttpPipeline _pipeline;

            internal IdentityEndpointCredential(Uri endpoint, string header, HttpPipeline pipeline)
            {
                _endpoint = endpoint;
                _header = header;
                _pipeline = pipeline;
            }

            public override AccessToken GetToken(
                TokenRequestContext requestContext, CancellationToken cancellationToken)
            {
                string resource = requestContext.Scopes[0].Replace("/.default", string.Empty);
                using HttpMessage message = _pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(_endpoint);
                message.Request.Uri.AppendQuery("api-version", "2019-08-01");
                message.Request.Uri.AppendQuery("resource", resource);
                message.Request.Headers.Add("X-IDENTITY-HEADER", _header);
                _pipeline.Send(message, cancellationToken);
                if (message.Response.Status != 200)
                {
                    throw new InvalidOperationException($"The identity endpoint answered {message.Response.Status}.");
                }

                using JsonDocument document = JsonDocument.Parse(message.Response.Content.ToMemory());
                string token = document.RootElement.GetProperty("access_token").GetString()!;
                return new AccessToken(token, DateTimeOffset.UtcNow.AddMinutes(30));
            }

            public override ValueTask<AccessToken> GetTokenAsync(
                TokenRequestContext requestContext, CancellationToken cancellationToken) =>
                new ValueTask<AccessToken>(GetToken(requestContext, cancellationToken));
        }
    }

    /// <summary>What Get-OtherAzureCoreSubscription found, and with which Azure.Core.</summary>
    public sealed class OtherAzureCoreResult
    {
        /// <summary>The subscriptions ARM listed.</summary>
        public string[] SubscriptionIds { get; set; } = Array.Empty<string>();

        /// <summary>The assembly version of the Azure.Core that sent the requests.</summary>
        public string AzureCoreVersion { get; set; } = string.Empty;

        /// <summary>Where that Azure.Core was loaded from.</summary>
        public string AzureCoreLocation { get; set; } = string.Empty;
    }
}
