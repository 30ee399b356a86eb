using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AcrWebhookEvents.Engine.Json
{
    // Wire shapes of "Webhooks - List Events". Every string, number and nested object goes through a lenient
    // converter: the service is documented loosely, and a surprising value must not cost the user a whole page.
    // Only the page's own shape is strict: "value" must be an array of objects (or null), else the page is refused.
    internal sealed class EventListResultDto
    {
        [JsonPropertyName("value")]
        public List<EventDto?>? Value { get; set; }

        [JsonPropertyName("nextLink")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? NextLink { get; set; }
    }

    internal sealed class EventDto
    {
        [JsonPropertyName("id")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonPropertyName("eventRequestMessage")]
        [JsonConverter(typeof(LenientObjectConverter<EventRequestMessageDto>))]
        public EventRequestMessageDto? EventRequestMessage { get; set; }

        [JsonPropertyName("eventResponseMessage")]
        [JsonConverter(typeof(LenientObjectConverter<EventResponseMessageDto>))]
        public EventResponseMessageDto? EventResponseMessage { get; set; }
    }

    internal sealed class EventRequestMessageDto
    {
        [JsonPropertyName("content")]
        [JsonConverter(typeof(LenientObjectConverter<EventContentDto>))]
        public EventContentDto? Content { get; set; }

        [JsonPropertyName("headers")]
        [JsonConverter(typeof(LenientHeadersConverter))]
        public Dictionary<string, string?>? Headers { get; set; }

        [JsonPropertyName("method")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Method { get; set; }

        [JsonPropertyName("requestUri")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? RequestUri { get; set; }

        [JsonPropertyName("version")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Version { get; set; }
    }

    internal sealed class EventResponseMessageDto
    {
        [JsonPropertyName("content")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Content { get; set; }

        [JsonPropertyName("headers")]
        [JsonConverter(typeof(LenientHeadersConverter))]
        public Dictionary<string, string?>? Headers { get; set; }

        [JsonPropertyName("reasonPhrase")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? ReasonPhrase { get; set; }

        [JsonPropertyName("statusCode")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? StatusCode { get; set; }

        [JsonPropertyName("version")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Version { get; set; }
    }

    internal sealed class EventContentDto
    {
        [JsonPropertyName("id")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonPropertyName("timestamp")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Timestamp { get; set; }

        [JsonPropertyName("action")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Action { get; set; }

        [JsonPropertyName("target")]
        [JsonConverter(typeof(LenientObjectConverter<TargetDto>))]
        public TargetDto? Target { get; set; }

        [JsonPropertyName("request")]
        [JsonConverter(typeof(LenientObjectConverter<RequestDto>))]
        public RequestDto? Request { get; set; }

        [JsonPropertyName("actor")]
        [JsonConverter(typeof(LenientObjectConverter<ActorDto>))]
        public ActorDto? Actor { get; set; }

        [JsonPropertyName("source")]
        [JsonConverter(typeof(LenientObjectConverter<SourceDto>))]
        public SourceDto? Source { get; set; }
    }

    internal sealed class TargetDto
    {
        [JsonPropertyName("mediaType")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? MediaType { get; set; }

        [JsonPropertyName("size")]
        [JsonConverter(typeof(LenientInt64Converter))]
        public long? Size { get; set; }

        [JsonPropertyName("digest")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Digest { get; set; }

        [JsonPropertyName("length")]
        [JsonConverter(typeof(LenientInt64Converter))]
        public long? Length { get; set; }

        [JsonPropertyName("repository")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Repository { get; set; }

        [JsonPropertyName("url")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Url { get; set; }

        [JsonPropertyName("tag")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Tag { get; set; }

        [JsonPropertyName("name")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Name { get; set; }

        [JsonPropertyName("version")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Version { get; set; }
    }

    internal sealed class RequestDto
    {
        [JsonPropertyName("id")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonPropertyName("addr")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Addr { get; set; }

        [JsonPropertyName("host")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Host { get; set; }

        [JsonPropertyName("method")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Method { get; set; }

        [JsonPropertyName("useragent")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? UserAgent { get; set; }
    }

    internal sealed class ActorDto
    {
        [JsonPropertyName("name")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Name { get; set; }
    }

    internal sealed class SourceDto
    {
        [JsonPropertyName("addr")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Addr { get; set; }

        [JsonPropertyName("instanceID")]
        [JsonConverter(typeof(LenientStringConverter))]
        public string? InstanceId { get; set; }
    }

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
    [JsonSerializable(typeof(EventListResultDto))]
    [JsonSerializable(typeof(SubscriptionListDto))]
    [JsonSerializable(typeof(ArmErrorResponseDto))]
    [JsonSerializable(typeof(ArmErrorDto))]
    [JsonSerializable(typeof(EventRequestMessageDto))]
    [JsonSerializable(typeof(EventResponseMessageDto))]
    [JsonSerializable(typeof(EventContentDto))]
    [JsonSerializable(typeof(TargetDto))]
    [JsonSerializable(typeof(RequestDto))]
    [JsonSerializable(typeof(ActorDto))]
    [JsonSerializable(typeof(SourceDto))]
    internal sealed partial class EngineJsonContext : JsonSerializerContext
    {
    }
}
