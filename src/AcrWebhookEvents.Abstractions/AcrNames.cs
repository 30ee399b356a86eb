using System;
using System.Text.RegularExpressions;

namespace AcrWebhookEvents
{
    /// <summary>
    /// The naming rules ARM applies to the parts of a webhook's address, with messages that state them.
    /// </summary>
    public static class AcrNames
    {
        private static readonly Regex RegistryOrWebhookPattern =
            new Regex("^[a-zA-Z0-9]{5,50}$", RegexOptions.CultureInvariant);

        private static readonly Regex ResourceGroupPattern =
            new Regex(@"^[-\w\._\(\)]{1,90}$", RegexOptions.CultureInvariant);

        private static readonly Regex ApiVersionPattern =
            new Regex(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant);

        /// <summary>The api-version used when none is given: the one the reference page documents.</summary>
        public const string DefaultApiVersion = "2023-01-01-preview";

        /// <summary>Returns null when <paramref name="name"/> is a valid registry name, else why not.</summary>
        public static string? CheckRegistryName(string? name) =>
            name != null && RegistryOrWebhookPattern.IsMatch(name)
                ? null
                : $"'{name}' is not a valid registry name: it must be 5 to 50 letters (a-z, A-Z) and digits, "
                    + "nothing else.";

        /// <summary>Returns null when <paramref name="name"/> is a valid webhook name, else why not.</summary>
        public static string? CheckWebhookName(string? name) =>
            name != null && RegistryOrWebhookPattern.IsMatch(name)
                ? null
                : $"'{name}' is not a valid webhook name: it must be 5 to 50 letters (a-z, A-Z) and digits, "
                    + "nothing else.";

        /// <summary>Returns null when <paramref name="name"/> is a valid resource group name, else why not.</summary>
        public static string? CheckResourceGroupName(string? name) =>
            name != null && ResourceGroupPattern.IsMatch(name) && !name.EndsWith(".", StringComparison.Ordinal)
                ? null
                : $"'{name}' is not a valid resource group name: it must be 1 to 90 letters, digits, underscores, "
                    + "hyphens, periods and parentheses, and may not end in a period.";

        /// <summary>Returns null when <paramref name="value"/> is a subscription ID (a GUID), else why not.</summary>
        public static string? CheckSubscriptionId(string? value) =>
            value != null && Guid.TryParseExact(value, "D", out _)
                ? null
                : $"'{value}' is not a valid subscription ID: it must be a GUID such as "
                    + "00000000-0000-0000-0000-000000000000.";

        /// <summary>Returns null when <paramref name="value"/> looks like an ARM api-version, else why not.</summary>
        public static string? CheckApiVersion(string? value) =>
            value != null && ApiVersionPattern.IsMatch(value)
                ? null
                : $"'{value}' is not a valid api-version: it must look like yyyy-MM-dd or yyyy-MM-dd-preview, "
                    + $"such as {DefaultApiVersion}.";
    }
}
