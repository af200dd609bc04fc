using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.Storage.Tests;

public class StoreRegistrationTests
{
    private static IHost Build(params (string Key, string? Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddStore();
        return builder.Build();
    }

    [Fact]
    public void AddStore_MissingConnectionString_FailsNamingTheSetting()
    {
        using var host = Build();
        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StoreOptions>>().Value);
        Assert.Contains("ConnectionStrings:store", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStore_MalformedConnectionString_FailsNamingTheSettingAndValue()
    {
        using var host = Build(("ConnectionStrings:store", "bogus=1"));
        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StoreOptions>>().Value);
        Assert.Contains("ConnectionStrings:store is invalid", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bogus=1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStore_BadKeyPrefix_FailsNamingTheSetting()
    {
        using var host = Build(("ConnectionStrings:store", "127.0.0.1:1"), ("Store:KeyPrefix", "Bad Prefix"));
        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<StoreOptions>>().Value);
        Assert.Contains("Store:KeyPrefix", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStore_PresenceServiceDefaultsToOtelServiceName()
    {
        using var host = Build(("ConnectionStrings:store", "127.0.0.1:1"), ("OTEL_SERVICE_NAME", "edge-7"));
        Assert.Equal("edge-7", host.Services.GetRequiredService<IOptions<PresenceOptions>>().Value.Service);
    }
}
