using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>How a cut link behaves, as the two ways real partitions show themselves.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PartitionMode>))]
public enum PartitionMode
{
    /// <summary>Calls fail at once, like a refused connection (a host that is down, a firewall that rejects).</summary>
    FailFast,

    /// <summary>Calls wait until the caller gives up or the fault ends, like dropped packets (a firewall that drops).</summary>
    Hang,
}
