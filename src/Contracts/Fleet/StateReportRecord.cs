namespace HybridInference.Contracts.Fleet;

/// <summary>What a device did with a desired state: <c>applied</c>, <c>failed</c> or <c>digest-mismatch</c>.</summary>
public sealed record StateReportRecord(long Generation, string Status, string Detail, ModelRef? Model, DateTimeOffset At)
{
    public const string Applied = "applied";
}
