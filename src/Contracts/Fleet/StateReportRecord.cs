namespace HybridInference.Contracts.Fleet;

/// <summary>What a device did with a desired state: <c>applied</c>, <c>failed</c>, <c>digest-mismatch</c> or
/// <c>refused</c> (unsigned, wrongly signed or tampered; the detail starts with the reason).</summary>
public sealed record StateReportRecord(long Generation, string Status, string Detail, ModelRef? Model, DateTimeOffset At)
{
    public const string Applied = "applied";
}
