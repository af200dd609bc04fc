using HybridInference.Contracts.Predictions;
using HybridInference.PredictionLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class PredictionLogServiceExtensions
{
    /// <summary>Registers the prediction log (needs <c>AddStore()</c>); settings in section <c>PredictionLog</c>, validated at start.</summary>
    public static TBuilder AddPredictionLog<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<PredictionLogOptions>()
            .Bind(builder.Configuration.GetSection(PredictionLogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PredictionStore>();
        builder.Services.TryAddSingleton<PredictionJournal>();
        builder.Services.TryAddSingleton<PredictionLogger>();
        builder.Services.TryAddSingleton<PredictionLogWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PredictionLogWriter>());
        // The summary API writes its contract through the same source-generated context its clients read with.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PredictionsJsonContext.Default));
        return builder;
    }
}
