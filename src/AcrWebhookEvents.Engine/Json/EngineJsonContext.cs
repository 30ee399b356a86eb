using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AcrWebhookEvents.Engine.Json
{
    // Wire shapes of the small ARM answers the engine reads besides event pages (which EventPageParser reads
    // straight into the user types). Every string goes through a lenient converter: a surprising value reads as null.
    internal sealed class SubscriptionListDto
    {
        [JsonPropertyName("value")]
        public List<SubscriptionDto?>? Value { get; set; }
    }

    internal sealed class SubscriptionDto
    {
        [JsonPropertyName("subscriptionId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? SubscriptionId { get; set; }

        [JsonPropertyName("displayName")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? DisplayName { get; set; }

        [JsonPropertyName("tenantId")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? TenantId { get; set; }
    }

    internal sealed class ArmErrorResponseDto
    {
        [JsonPropertyName("error")]
        [JsonConverter(typeof(LenientObjectConverter<ArmErrorDto>))]
        public ArmErrorDto? Error { get; set; }
    }

    internal sealed class ArmErrorDto
    {
        [JsonPropertyName("code")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Code { get; set; }

        [JsonPropertyName("message")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Message { get; set; }
    }

    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
    [JsonSerializable(typeof(SubscriptionListDto))]
    [JsonSerializable(typeof(ArmErrorResponseDto))]
    [JsonSerializable(typeof(ArmErrorDto))]
    internal sealed partial class EngineJsonContext : JsonSerializerContext
    {
    }
}
