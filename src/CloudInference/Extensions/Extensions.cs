namespace Microsoft.Extensions.Hosting;

/// <summary>The cloud inference service: every version of the repository's models, dynamically batched.</summary>
public static class CloudInferenceExtensions
{
    /// <summary>
    /// Serves the models of <c>ModelRepository:Path</c> (all versions by default) through the shared
    /// serving stack; batching, batch sizes and delays come from the <c>Serving</c> section.
    /// </summary>
    public static TBuilder AddCloudInference<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddInferenceServing();
        return builder;
    }
}
