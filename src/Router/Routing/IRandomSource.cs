namespace HybridInference.Router.Routing;

/// <summary>Uniform random numbers, injected so that tests can feed a fixed sequence.</summary>
public interface IRandomSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}
