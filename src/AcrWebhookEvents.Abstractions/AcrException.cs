using System;

namespace AcrWebhookEvents
{
    /// <summary>
    /// What kind of failure an <see cref="AcrException"/> is; the cmdlets map it to an error category.
    /// </summary>
    public enum AcrErrorKind
    {
        /// <summary>Anything not classified below.</summary>
        Unknown,

        /// <summary>No token could be had, or ARM refused the token (401).</summary>
        Authentication,

        /// <summary>The identity lacks the permission (403).</summary>
        PermissionDenied,

        /// <summary>The subscription, group, registry or webhook does not exist (404).</summary>
        NotFound,

        /// <summary>ARM rejected the request as invalid (400, 409).</summary>
        InvalidArgument,

        /// <summary>ARM throttled the request (429) and retries did not get through.</summary>
        Throttled,

        /// <summary>A request took longer than the network timeout.</summary>
        Timeout,

        /// <summary>The service answered with something that is not the documented shape.</summary>
        InvalidData,

        /// <summary>The service failed (5xx) after retries.</summary>
        ServiceError,

        /// <summary>No connection could be made, or it broke.</summary>
        Connection,

        /// <summary>A nextLink pointed somewhere a token must not go, or repeated itself.</summary>
        UnsafeNextLink,

        /// <summary>The module's own settings are wrong (for example an http ARM endpoint).</summary>
        Configuration,
    }

    /// <summary>
    /// A failure of this module. One type for all, so <c>catch [AcrWebhookEvents.AcrException]</c> works.
    /// </summary>
    public class AcrException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AcrException(AcrErrorKind kind, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Kind = kind;
        }

        /// <summary>What kind of failure this is.</summary>
        public AcrErrorKind Kind { get; }

        /// <summary>The webhook the failure concerns, when there is one.</summary>
        public WebhookAddress? Webhook { get; set; }
    }

    /// <summary>ARM answered with an error; its code, message and correlation ID are kept.</summary>
    public sealed class AcrRequestException : AcrException
    {
        /// <summary>Creates the exception.</summary>
        public AcrRequestException(
            AcrErrorKind kind,
            string message,
            int status,
            string? errorCode,
            string? serviceMessage,
            string? correlationId,
            Exception? innerException = null)
            : base(kind, message, innerException)
        {
            Status = status;
            ErrorCode = errorCode;
            ServiceMessage = serviceMessage;
            CorrelationId = correlationId;
        }

        /// <summary>The HTTP status ARM answered with.</summary>
        public int Status { get; }

        /// <summary>ARM's error code, such as ResourceNotFound.</summary>
        public string? ErrorCode { get; }

        /// <summary>ARM's error message.</summary>
        public string? ServiceMessage { get; }

        /// <summary>ARM's x-ms-correlation-request-id, which support asks for.</summary>
        public string? CorrelationId { get; }
    }
}
