using HybridInference.Faults.Model;

namespace Microsoft.Extensions.Hosting;

/// <summary>ChaosLab's services: the fault store it writes and the API's JSON and OpenAPI.</summary>
public static class ChaosLabExtensions
{
    public static TBuilder AddChaosLab<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddFaultStore();
        builder.Services.AddOpenApi();
        // The API writes faults with the same enum names the store holds (link-latency, fail-fast).
        builder.Services.ConfigureHttpJsonOptions(json => FaultJson.Configure(json.SerializerOptions));
        return builder;
    }
}
