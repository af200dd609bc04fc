namespace HybridInference.Contracts.Chaos;

/// <summary>The wire names of <see cref="FaultKind"/> and the groups the validator and appliers need.</summary>
public static class FaultKinds
{
    private static readonly Dictionary<FaultKind, string> Names = new()
    {
        [FaultKind.LinkLatency] = "link-latency",
        [FaultKind.LinkError] = "link-error",
        [FaultKind.LinkPartition] = "link-partition",
        [FaultKind.EndpointLatency] = "endpoint-latency",
        [FaultKind.EndpointError] = "endpoint-error",
        [FaultKind.Device] = "device",
        [FaultKind.ModelNoise] = "model-noise",
        [FaultKind.StoreOutage] = "store-outage",
    };

    private static readonly Dictionary<string, FaultKind> ByName = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every wire name, in declaration order, for error messages.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Values];

    public static string ToName(this FaultKind kind) => Names[kind];

    public static bool TryParse(string? name, out FaultKind kind) => ByName.TryGetValue(name ?? "", out kind);

    /// <summary>Kinds that act on calls from the service to a destination.</summary>
    public static bool IsLink(this FaultKind kind) => kind is FaultKind.LinkLatency or FaultKind.LinkError or FaultKind.LinkPartition;

    /// <summary>Kinds that act on requests the service receives.</summary>
    public static bool IsEndpoint(this FaultKind kind) => kind is FaultKind.EndpointLatency or FaultKind.EndpointError;

    /// <summary>Kinds with a latency parameter.</summary>
    public static bool HasLatency(this FaultKind kind) => kind is FaultKind.LinkLatency or FaultKind.EndpointLatency;

    /// <summary>Kinds with an error parameter.</summary>
    public static bool HasError(this FaultKind kind) => kind is FaultKind.LinkError or FaultKind.EndpointError;
}
