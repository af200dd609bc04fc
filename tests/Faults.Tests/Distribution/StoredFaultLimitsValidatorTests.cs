using HybridInference.Faults.Distribution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.Faults.Tests.Distribution;

public sealed class StoredFaultLimitsValidatorTests
{
    [Theory]
    [InlineData("MaxDurationSeconds", "0", "Faults:Limits:MaxDurationSeconds must be between 1 and 3600 (was 0)")]
    [InlineData("MaxDurationSeconds", "3601", "Faults:Limits:MaxDurationSeconds must be between 1 and 3600 (was 3601)")]
    [InlineData("MaxActive", "0", "Faults:Limits:MaxActive must be between 1 and 1000 (was 0)")]
    [InlineData("MaxActive", "1001", "Faults:Limits:MaxActive must be between 1 and 1000 (was 1001)")]
    public void Start_WithABadLimit_FailsNamingTheKeyAndTheValue(string key, string value, string expected)
    {
        using var services = Services(new() { [$"Faults:Limits:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StoredFaultLimits>>().Value);

        Assert.Equal([expected], error.Failures);
    }

    [Fact]
    public void Start_WithTheDefaults_IsAnHourAndAHundredFaults()
    {
        using var services = Services([]);

        var limits = services.GetRequiredService<IOptions<StoredFaultLimits>>().Value;

        Assert.Equal((3600, 100), (limits.MaxDurationSeconds, limits.MaxActive));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddFaultStore();
        return services.BuildServiceProvider();
    }
}
