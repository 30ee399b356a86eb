using System;
using Azure.Core;

namespace AcrWebhookEvents.Engine.Http
{
    /// <summary>
    /// Classifies nothing as retriable, for requests whose repetition has an effect outside ARM: a retried ping
    /// makes the registry call the webhook's endpoint once more.
    /// </summary>
    internal sealed class NoRetryClassifier : ResponseClassifier
    {
        internal static readonly NoRetryClassifier Instance = new NoRetryClassifier();

        public override bool IsRetriableResponse(HttpMessage message) => false;

        public override bool IsRetriableException(Exception exception) => false;

        public override bool IsRetriable(HttpMessage message, Exception exception) => false;
    }
}
