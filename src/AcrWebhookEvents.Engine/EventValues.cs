using System;
using System.Globalization;

namespace AcrWebhookEvents.Engine
{
    /// <summary>How the event's text values become typed ones.</summary>
    internal static class EventValues
    {
        /// <summary>
        /// Reads an event time in any ISO 8601 form (any number of fractional digits, Z or an offset) as UTC; a time
        /// without an offset is taken as UTC.
        /// </summary>
        internal static DateTimeOffset? ParseTimestamp(string? text)
        {
            const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out DateTimeOffset value)
                ? value.ToUniversalTime()
                : (DateTimeOffset?)null;
        }

        /// <summary>The endpoint's HTTP status as a number; missing, zero or unreadable is null.</summary>
        internal static int? ParseStatus(string? text) =>
            int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int status) && status > 0
                ? status
                : (int?)null;
    }
}
