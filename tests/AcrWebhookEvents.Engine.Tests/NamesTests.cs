using AcrWebhookEvents.Engine.Http;
using Xunit;

namespace AcrWebhookEvents.Engine.Tests;

public class NamesTests
{
    [Theory]
    [InlineData("abcde", true)]
    [InlineData("myRegistry01", true)]
    [InlineData("a2345678901234567890123456789012345678901234567890", true)]
    [InlineData("abcd", false)]
    [InlineData("a23456789012345678901234567890123456789012345678901", false)]
    [InlineData("my-registry", false)]
    [InlineData("my_registry", false)]
    [InlineData("régistry", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CheckRegistryAndWebhookName_Table(string? name, bool valid)
    {
        Assert.Equal(valid, AcrNames.CheckRegistryName(name) is null);
        Assert.Equal(valid, AcrNames.CheckWebhookName(name) is null);
    }

    [Theory]
    [InlineData("rg", true)]
    [InlineData("My.Resource-Group_(1)", true)]
    [InlineData("x", true)]
    [InlineData("ends.with.period.", false)]
    [InlineData("has space", false)]
    [InlineData("slash/rg", false)]
    [InlineData("", false)]
    public void CheckResourceGroupName_Table(string name, bool valid)
    {
        Assert.Equal(valid, AcrNames.CheckResourceGroupName(name) is null);
    }

    [Fact]
    public void CheckResourceGroupName_90AllowedAnd91Refused()
    {
        Assert.Null(AcrNames.CheckResourceGroupName(new string('a', 90)));
        Assert.NotNull(AcrNames.CheckResourceGroupName(new string('a', 91)));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", true)]
    [InlineData("11111111-2222-3333-4444-555555555555", true)]
    [InlineData("{11111111-2222-3333-4444-555555555555}", false)]
    [InlineData("111111112222333344445555555555555", false)]
    [InlineData("not-a-guid", false)]
    public void CheckSubscriptionId_Table(string value, bool valid)
    {
        Assert.Equal(valid, AcrNames.CheckSubscriptionId(value) is null);
    }

    [Theory]
    [InlineData("2023-01-01-preview", true)]
    [InlineData("2025-11-01", true)]
    [InlineData("2023-1-1", false)]
    [InlineData("2023-01-01-beta", false)]
    [InlineData("latest", false)]
    public void CheckApiVersion_Table(string value, bool valid)
    {
        Assert.Equal(valid, AcrNames.CheckApiVersion(value) is null);
    }

    [Fact]
    public void CheckRegistryName_Invalid_MessageStatesTheRule()
    {
        Assert.Contains("5 to 50 letters", AcrNames.CheckRegistryName("ab"));
    }

    [Theory]
    [InlineData("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/demo-rg/providers/Microsoft.ContainerRegistry/registries/demoregistry/webhooks/buildhook")]
    [InlineData("/SUBSCRIPTIONS/11111111-2222-3333-4444-555555555555/resourcegroups/demo-rg/providers/microsoft.containerregistry/registries/demoregistry/webhooks/buildhook/")]
    public void TryParse_WebhookResourceId_YieldsItsParts(string id)
    {
        WebhookAddress? address = WebhookAddress.TryParse(id, out string? error);

        Assert.Null(error);
        Assert.Equal("11111111-2222-3333-4444-555555555555", address!.SubscriptionId);
        Assert.Equal("demo-rg", address.ResourceGroupName);
        Assert.Equal("demoregistry", address.RegistryName);
        Assert.Equal("buildhook", address.WebhookName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/demo-rg/providers/Microsoft.ContainerRegistry/registries/demoregistry")]
    [InlineData("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/demo-rg/providers/Microsoft.Web/sites/demoregistry/webhooks/buildhook")]
    [InlineData("/subscriptions/nope/resourceGroups/demo-rg/providers/Microsoft.ContainerRegistry/registries/demoregistry/webhooks/buildhook")]
    [InlineData("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/demo-rg/providers/Microsoft.ContainerRegistry/registries/demo-registry/webhooks/buildhook")]
    public void TryParse_NotAWebhookId_SaysWhy(string id)
    {
        Assert.Null(WebhookAddress.TryParse(id, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData(null, "https://management.azure.com/", "https://management.azure.com/.default", "https://login.microsoftonline.com/")]
    [InlineData("AzureCloud", "https://management.azure.com/", "https://management.azure.com/.default", "https://login.microsoftonline.com/")]
    [InlineData("AzureChinaCloud", "https://management.chinacloudapi.cn/", "https://management.chinacloudapi.cn/.default", "https://login.chinacloudapi.cn/")]
    [InlineData("azureusgovernment", "https://management.usgovcloudapi.net/", "https://management.usgovcloudapi.net/.default", "https://login.microsoftonline.us/")]
    public void Resolve_KnownEnvironment_GivesEndpointAudienceAndAuthority(
        string? name, string endpoint, string audience, string authority)
    {
        ArmEnvironment environment = ArmEnvironment.Resolve(name, null);

        Assert.Equal(new Uri(endpoint), environment.ResourceManager);
        Assert.Equal(audience, environment.DefaultAudience);
        Assert.Equal(new Uri(authority), environment.AuthorityHost);
    }

    [Fact]
    public void Resolve_CustomUrl_UsesItsOriginAsEndpointAndAudience()
    {
        ArmEnvironment environment = ArmEnvironment.Resolve("AzureChinaCloud", new Uri("https://arm.local:8443/some/path?x=1"));

        Assert.Equal("Custom", environment.Name);
        Assert.Equal(new Uri("https://arm.local:8443/"), environment.ResourceManager);
        Assert.Equal("https://arm.local:8443/.default", environment.DefaultAudience);
        Assert.Null(environment.AuthorityHost);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    public void Resolve_PlainHttpUrl_IsRefused(string url)
    {
        AcrException ex = Assert.Throws<AcrException>(() => ArmEnvironment.Resolve(null, new Uri(url)));
        Assert.Equal(AcrErrorKind.Configuration, ex.Kind);
        Assert.Contains("https", ex.Message);
    }

    [Fact]
    public void Resolve_UnknownEnvironment_NamesTheKnownOnes()
    {
        AcrException ex = Assert.Throws<AcrException>(() => ArmEnvironment.Resolve("AzureGermanCloud", null));
        Assert.Contains("AzureUSGovernment", ex.Message);
    }
}
