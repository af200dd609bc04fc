using HybridInference.Rollouts.Control;

namespace HybridInference.Rollouts.Tests.Control;

/// <summary>The router's weights and the cloud's readiness in memory: every weights change recorded; a set failure makes the next calls throw it.</summary>
public sealed class FakeCloudTraffic : ICloudTraffic
{
    public List<(string Route, IReadOnlyDictionary<int, int> Weights)> Weights { get; } = [];

    public HashSet<int> Served { get; } = [];

    public List<(string Route, string Model)> Ensured { get; } = [];

    /// <summary>Thrown by every weights call while set (the router is away).</summary>
    public Exception? Failure { get; set; }

    public Task EnsureRouteAsync(string route, string cloudModel, CancellationToken cancellationToken)
    {
        Ensured.Add((route, cloudModel));
        return Task.CompletedTask;
    }

    public Task<bool> ServesAsync(string model, int version, CancellationToken cancellationToken) => Task.FromResult(Served.Contains(version));

    public Task SetWeightsAsync(string route, IReadOnlyDictionary<int, int> weights, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            throw failure;
        }

        Weights.Add((route, new Dictionary<int, int>(weights)));
        return Task.CompletedTask;
    }
}
