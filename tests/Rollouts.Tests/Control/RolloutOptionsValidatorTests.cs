using HybridInference.Rollouts.Control;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Tests.Control;

public class RolloutOptionsValidatorTests
{
    [Fact]
    public void Validate_TheDefaults_Succeeds()
    {
        var options = new RolloutOptions();

        Assert.True(new RolloutOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((5, 3, 200), (options.WebhookTimeoutSeconds, options.WebhookAttempts, options.WebhookRetryDelayMilliseconds));
    }

    [Theory]
    [InlineData(nameof(RolloutOptions.TickSeconds), "0.01", "Rollouts:TickSeconds must be between 0.05 and 60 (was 0.01)")]
    [InlineData(nameof(RolloutOptions.TickSeconds), "NaN", "Rollouts:TickSeconds must be between 0.05 and 60 (was NaN)")]
    [InlineData(nameof(RolloutOptions.LeaseSeconds), "0", "Rollouts:LeaseSeconds must be between 1 and 600 (was 0)")]
    [InlineData(nameof(RolloutOptions.MaxAnalysesKept), "5", "Rollouts:MaxAnalysesKept must be between 10 and 10000 (was 5)")]
    [InlineData(nameof(RolloutOptions.WebhookTimeoutSeconds), "121", "Rollouts:WebhookTimeoutSeconds must be between 1 and 120 (was 121)")]
    [InlineData(nameof(RolloutOptions.WebhookAttempts), "0", "Rollouts:WebhookAttempts must be between 1 and 10 (was 0)")]
    [InlineData(nameof(RolloutOptions.WebhookRetryDelayMilliseconds), "-1", "Rollouts:WebhookRetryDelayMilliseconds must be between 0 and 60000 (was -1)")]
    public void Start_WithABadValue_FailsNamingTheKeyAndTheValue(string key, string value, string expected)
    {
        using var services = Services(new() { [$"Rollouts:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RolloutOptions>>().Value);

        Assert.Equal([expected], error.Failures);
    }

    [Fact]
    public void Validate_EveryBadValue_IsReportedAtOnce()
    {
        var options = new RolloutOptions { WebhookAttempts = 11, WebhookTimeoutSeconds = 0 };

        var result = new RolloutOptionsValidator().Validate(null, options);

        Assert.Equal(
            ["Rollouts:WebhookTimeoutSeconds must be between 1 and 120 (was 0)", "Rollouts:WebhookAttempts must be between 1 and 10 (was 11)"],
            result.Failures);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddRollouts();
        return services.BuildServiceProvider();
    }
}
