using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Tests.Webhooks;

public sealed class WebhookOptionsValidatorTests
{
    [Fact]
    public void Validate_TheDefaults_Succeeds_AndAllowNothing()
    {
        var options = new WebhookOptions();

        Assert.True(new WebhookOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((0, 0, 65536, 8), (options.AllowedHosts.Count, options.AllowedNetworks.Count, options.MaxResponseBytes, options.MaxPerRollout));
    }

    [Theory]
    [InlineData("AllowedNetworks:0", "10.0.0.0", "Rollouts:Webhooks:AllowedNetworks:0 must be a network in CIDR form")]
    [InlineData("AllowedNetworks:0", "10.0.0.1/8", "Rollouts:Webhooks:AllowedNetworks:0 must be a network in CIDR form")]
    [InlineData("AllowedNetworks:0", "10.0.0.0/33", "(was '10.0.0.0/33')")]
    [InlineData("AllowedNetworks:0", "everything", "(was 'everything')")]
    [InlineData("AllowedHosts:0", "http://hooks.example", "Rollouts:Webhooks:AllowedHosts:0 must be a DNS host name")]
    [InlineData("AllowedHosts:0", "10.0.0.1", "list addresses under AllowedNetworks")]
    [InlineData("MaxResponseBytes", "0", "Rollouts:Webhooks:MaxResponseBytes must be between 1 and 16777216 (was 0)")]
    [InlineData("MaxPerRollout", "65", "Rollouts:Webhooks:MaxPerRollout must be between 1 and 64 (was 65)")]
    public void Start_WithABadValue_FailsNamingTheKeyAndTheValue(string key, string value, string expected)
    {
        using var services = Services(new() { [$"Rollouts:Webhooks:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebhookOptions>>().Value);

        Assert.Contains(expected, Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithGoodLists_Succeeds()
    {
        using var services = Services(new()
        {
            ["Rollouts:Webhooks:AllowedHosts:0"] = "ci-gate",
            ["Rollouts:Webhooks:AllowedHosts:1"] = "hooks.example.com",
            ["Rollouts:Webhooks:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Rollouts:Webhooks:AllowedNetworks:1"] = "fd00::/8",
        });

        Assert.Equal(2, services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowedNetworks.Count);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddRollouts();
        return services.BuildServiceProvider();
    }
}
