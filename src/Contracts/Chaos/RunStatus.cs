using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>Where a run is: still running, or its verdict (passed, failed, aborted by the safety limit, or error when it could not run).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    Running,
    Passed,
    Failed,
    Aborted,
    Error,
}
