namespace HybridInference.Bench.Suite;

/// <summary>A whole `all` run: how and where it was made, and its lines.</summary>
public sealed record BenchReport(
    string Command,
    DateTimeOffset StartedAt,
    string Machine,
    string Configuration,
    bool Smoke,
    double SecondsPerMeasurement,
    IReadOnlyList<ResultLine> Lines,
    IReadOnlyDictionary<string, ServiceMemory> Memory);
