namespace HybridInference.Bench.Load;

/// <summary>One kind of request the load generator sends; thread-safe, since every worker calls it at once.</summary>
public interface ILoadTarget : IDisposable
{
    string Name { get; }

    /// <summary>Sends one request and reads the whole answer; true when the service answered with success.</summary>
    Task<bool> SendAsync(CancellationToken cancellationToken);
}
