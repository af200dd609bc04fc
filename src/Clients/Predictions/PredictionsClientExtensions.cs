using HybridInference.Clients;
using HybridInference.Clients.Predictions;
using HybridInference.Clients.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="PredictionsClient"/> with its resilience pipeline <see cref="PipelineName"/>.</summary>
public static class PredictionsClientExtensions
{
    /// <summary>The pipeline's name; its numbers are under <c>Clients:predictions:Resilience</c>.</summary>
    public const string PipelineName = "predictions";

    /// <summary>Adds <see cref="PredictionsClient"/>; <paramref name="configure"/> sets its base address (the router's).</summary>
    /// <remarks>A summary may read up to a day of records from the store, so one attempt gets longer than a quick read's 10 s; a GET is safe to retry.</remarks>
    public static IHttpClientBuilder AddPredictionsClient(this IServiceCollection services, Action<IServiceProvider, HttpClient>? configure = null) =>
        services.AddApiClient<PredictionsClient>(nameof(PredictionsClient), PipelineName, configure, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromSeconds(60);
            o.BreakerSamplingDuration = TimeSpan.FromSeconds(60);
        });
}
