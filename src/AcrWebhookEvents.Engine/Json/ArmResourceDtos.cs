using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AcrWebhookEvents.Engine.Json
{
    // ARM's list shape and the few resource properties the module shows.
    internal sealed class ResourceListDto
    {
        [JsonPropertyName("value")]
        public List<ResourceDto?>? Value { get; set; }

        [JsonPropertyName("nextLink")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? NextLink { get; set; }
    }

    internal sealed class ResourceDto
    {
        [JsonPropertyName("id")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonPropertyName("name")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Name { get; set; }

        [JsonPropertyName("location")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Location { get; set; }

        [JsonPropertyName("properties")]
        public ResourcePropertiesDto? Properties { get; set; }
    }

    internal sealed class ResourcePropertiesDto
    {
        [JsonPropertyName("status")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Status { get; set; }

        [JsonPropertyName("scope")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Scope { get; set; }

        [JsonPropertyName("actions")]
        public List<string?>? Actions { get; set; }

        [JsonPropertyName("provisioningState")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? ProvisioningState { get; set; }
    }

    internal sealed class PingResultDto
    {
        [JsonPropertyName("id")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }
    }

    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
    [JsonSerializable(typeof(ResourceListDto))]
    [JsonSerializable(typeof(PingResultDto))]
    internal sealed partial class ArmResourceJsonContext : JsonSerializerContext
    {
    }
}
