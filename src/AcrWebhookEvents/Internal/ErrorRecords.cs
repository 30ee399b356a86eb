using System;
using System.Management.Automation;

namespace AcrWebhookEvents.Commands.Internal
{
    /// <summary>
    /// Turns our exceptions into error records with a stable ID per failure kind and a precise category.
    /// </summary>
    internal static class ErrorRecords
    {
        internal static ErrorRecord From(AcrException exception, object? fallbackTarget)
        {
            (string id, ErrorCategory category) = Classify(exception.Kind);
            var record = new ErrorRecord(exception, id, category, (object?)exception.Webhook ?? fallbackTarget);
            if (exception is AcrRequestException request && request.ErrorCode != null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message)
                {
                    RecommendedAction = request.CorrelationId is null
                        ? null
                        : $"If this persists, give ARM's correlation ID {request.CorrelationId} to Azure support.",
                };
            }

            return record;
        }

        internal static ErrorRecord Invalid(string id, string message, object? target) =>
            new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, target);

        internal static (string Id, ErrorCategory Category) Classify(AcrErrorKind kind) => kind switch
        {
            AcrErrorKind.Authentication => ("AuthenticationFailed", ErrorCategory.AuthenticationError),
            AcrErrorKind.PermissionDenied => ("PermissionDenied", ErrorCategory.PermissionDenied),
            AcrErrorKind.NotFound => ("ResourceNotFound", ErrorCategory.ObjectNotFound),
            AcrErrorKind.InvalidArgument => ("InvalidRequest", ErrorCategory.InvalidArgument),
            AcrErrorKind.Throttled => ("Throttled", ErrorCategory.LimitsExceeded),
            AcrErrorKind.Timeout => ("RequestTimedOut", ErrorCategory.OperationTimeout),
            AcrErrorKind.InvalidData => ("InvalidResponse", ErrorCategory.InvalidData),
            AcrErrorKind.ServiceError => ("ServiceError", ErrorCategory.ResourceUnavailable),
            AcrErrorKind.Connection => ("ConnectionFailed", ErrorCategory.ConnectionError),
            AcrErrorKind.UnsafeNextLink => ("UnsafeNextLink", ErrorCategory.SecurityError),
            AcrErrorKind.Configuration => ("InvalidConfiguration", ErrorCategory.InvalidArgument),
            _ => ("RequestFailed", ErrorCategory.NotSpecified),
        };
    }
}
