namespace HybridInference.Router.Routing;

/// <summary>The production <see cref="IRandomSource"/>: <see cref="Random.Shared"/>, which is thread-safe.</summary>
internal sealed class SharedRandomSource : IRandomSource
{
    public double NextDouble() => Random.Shared.NextDouble();
}
