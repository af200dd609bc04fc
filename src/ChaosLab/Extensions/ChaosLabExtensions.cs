using HybridInference.Clients.Credentials;
using HybridInference.ChaosLab.Experiments;
using HybridInference.Faults.Model;

namespace Microsoft.Extensions.Hosting;

/// <summary>ChaosLab's services: the fault store it writes, the experiment runner, and the API's JSON and OpenAPI.</summary>
public static class ChaosLabExtensions
{
    public static TBuilder AddChaosLab<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddFaultStore();
        builder.Services.AddOpenApi();
        // The API writes faults with the same enum names the store holds (link-latency, fail-fast), through its contracts.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            FaultJson.Configure(json.SerializerOptions);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ChaosJsonContext.Default);
        });
        builder.Services.AddOptions<ExperimentsOptions>().Bind(builder.Configuration.GetSection(ExperimentsOptions.SectionName));
        builder.Services.AddSingleton<ExperimentCatalog>();
        builder.Services.AddSingleton<TestImages>();
        builder.Services.AddSingleton<HarnessActions>();
        builder.Services.AddSingleton<ExperimentRunner>();
        builder.Services.AddSingleton<ExperimentRuns>();
        // The traffic client has no resilience pipeline: it must not retry, or a request the router failed would
        // be counted as answered.
        builder.Services.AddHttpClient(ExperimentRunner.ClientName, (sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExperimentsOptions>>().Value.RouterAddress);
                // Each request has the experiment's own timeout; the client's would cut the records check short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddAccessToken();
        builder.Services.AddRouterAdminClient(
            (sp, http) =>
            {
                http.BaseAddress = new Uri(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExperimentsOptions>>().Value.RouterAddress);
                // The pipeline times each read; the client's own 100 s must not cut one shorter.
                http.Timeout = Timeout.InfiniteTimeSpan;
            },
            resilience =>
            {
                // The router's view is read every 200 ms during a run: a failed read is skipped and the next one is the
                // retry. A router under an endpoint-latency fault answers late, and a late answer is still a reading,
                // so a read waits out the longest latency a fault may add.
                resilience.MaxRetryAttempts = 0;
                resilience.TotalTimeout = resilience.AttemptTimeout = 2 * TimeSpan.FromMilliseconds(FaultLimits.MaxLatencyMs);
            });
        // A rollout's state is read every 500 ms: the rollouts client's pipeline gives a read 5 s and never retries it
        // into the next one.
        builder.Services.AddRolloutsClient(ExperimentRunner.RegistryClientName, (sp, http) =>
            http.BaseAddress = new Uri(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExperimentsOptions>>().Value.RegistryAddress));
        return builder;
    }
}
