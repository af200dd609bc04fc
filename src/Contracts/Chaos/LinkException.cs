using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>The exception a <see cref="FaultKind.LinkError"/> throws instead of answering.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<LinkException>))]
public enum LinkException
{
    /// <summary>No status: the connection failed (<see cref="HttpRequestException"/>), as a reset or refusal.</summary>
    ConnectionFailed,

    /// <summary>The call timed out (<see cref="TimeoutException"/>).</summary>
    Timeout,
}
