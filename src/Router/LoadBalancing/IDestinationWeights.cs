namespace HybridInference.Router.LoadBalancing;

/// <summary>Reads and changes the weights of a weighted cluster while the proxy runs (canaries, A/B tests).</summary>
public interface IDestinationWeights
{
    /// <summary>The weight of every destination of the cluster.</summary>
    /// <exception cref="KeyNotFoundException">No such cluster.</exception>
    IReadOnlyDictionary<string, double> Get(string clusterId);

    /// <summary>
    /// Sets the weights of the named destinations (the others keep theirs) and publishes the new configuration
    /// to the proxy. Nothing changes when any argument is wrong.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such cluster.</exception>
    /// <exception cref="ArgumentException">The cluster is not weighted, a destination is unknown or a weight is not a finite number &gt;= 0.</exception>
    void Set(string clusterId, IReadOnlyDictionary<string, double> weights);
}
