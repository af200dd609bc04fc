using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>What a fault does. The wire names (<see cref="FaultKinds"/>) are what the API and the store carry.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>Added delay on the outbound calls from a service to a destination.</summary>
    LinkLatency,

    /// <summary>Error answers (a status code) or exceptions on the outbound calls to a destination.</summary>
    LinkError,

    /// <summary>The link to a destination cut: calls fail at once or hang until the fault ends.</summary>
    LinkPartition,

    /// <summary>Added delay on a service's own endpoints (inbound, under a path prefix).</summary>
    EndpointLatency,

    /// <summary>Error answers from a service's own endpoints (inbound, under a path prefix).</summary>
    EndpointError,

    /// <summary>An edge node's simulated device: heat, throttling, memory pressure, silence.</summary>
    Device,

    /// <summary>Gaussian noise added to an edge node's model inputs before inference.</summary>
    ModelNoise,

    /// <summary>Every store command of a service fails as if the store were unreachable.</summary>
    StoreOutage,
}
