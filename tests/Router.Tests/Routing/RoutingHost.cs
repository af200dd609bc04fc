using HybridInference.Router.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Router.Tests.Routing;

/// <summary>The routing services as the router registers them, on in-memory configuration that tests can change.</summary>
internal sealed class RoutingHost : IDisposable
{
    private readonly ServiceProvider _services;

    public RoutingHost(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(l => l.AddProvider(Logs));
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.AddRoutingDecisions();
        Configuration = builder.Configuration;
        _services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static Dictionary<string, string?> Settings(string threshold = "0.8") => new()
    {
        ["Routing:Models:fashion:Threshold"] = threshold,
        ["Routing:Rules:0:Name"] = "hot-gpu",
        ["Routing:Rules:0:Expression"] = "gpu_temperature_c > 85 -> cloud",
    };

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public ListLogger Logs { get; } = new();

    public ConfigurationManager Configuration { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Sets keys and reloads, as a changed appsettings file would; returns what the reload threw.</summary>
    public Exception? Change(params (string Key, string? Value)[] changes)
    {
        foreach (var (key, value) in changes)
        {
            Configuration[key] = value;
        }

        return Record.Exception(() => ((IConfigurationRoot)Configuration).Reload());
    }

    public void Dispose() => _services.Dispose();
}
