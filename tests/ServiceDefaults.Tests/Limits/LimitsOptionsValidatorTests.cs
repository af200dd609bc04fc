using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Tests.Limits;

/// <summary>Bad limits stop the service at start, every error naming its key and value.</summary>
public sealed class LimitsOptionsValidatorTests
{
    [Theory]
    [InlineData("Limits:Inference:PermitsPerSecond", "-1", "Limits:Inference:PermitsPerSecond must be between 0 and 1000000 (was -1)")]
    [InlineData("Limits:Admin:PermitsPerSecond", "2000000", "Limits:Admin:PermitsPerSecond must be between 0 and 1000000 (was 2000000)")]
    [InlineData("Limits:Admin:Burst", "0", "Limits:Admin:Burst must be between 1 and 2000000 (was 0)")]
    [InlineData("Limits:JsonBodyBytes", "100", "Limits:JsonBodyBytes must be between 1024 and 67108864 (was 100)")]
    public async Task BadSetting_StopsTheStart_NamingIt(string key, string value, string expected)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LimitsHost.StartAsync(new() { [key] = value }));

        Assert.Contains(expected, failure.Failures);
    }

    [Fact]
    public async Task Defaults_Start()
    {
        await using var app = await LimitsHost.StartAsync([]);
        var options = ((IServiceProvider)app.Services).GetService(typeof(IOptions<HybridInference.ServiceDefaults.Limits.LimitsOptions>));

        var limits = Assert.IsAssignableFrom<IOptions<HybridInference.ServiceDefaults.Limits.LimitsOptions>>(options).Value;
        Assert.False(limits.Inference.IsOn);
        Assert.Equal((200, 400), (limits.Admin.PermitsPerSecond, limits.Admin.TokenLimit));
        Assert.Equal(1024 * 1024, limits.JsonBodyBytes);
    }
}
