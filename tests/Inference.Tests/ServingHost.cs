using HybridInference.Inference.Models;
using HybridInference.Inference.Serving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HybridInference.Inference.Tests;

/// <summary>A started generic host with the serving stack on a repository, models loaded.</summary>
internal sealed class ServingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ServingHost(IHost host) => _host = host;

    public InferenceEngine Engine => _host.Services.GetRequiredService<InferenceEngine>();

    public ModelCatalog Catalog => _host.Services.GetRequiredService<ModelCatalog>();

    public static async Task<ServingHost> StartAsync(string repository, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ModelRepository:Path"] = repository });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddInferenceServing();
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<ModelCatalog>().Loaded;
        return new ServingHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
