namespace HybridInference.Bench.Suite;

/// <summary>Resident memory of one service in MiB: after start with no traffic, and the highest seen while it was under load.</summary>
public sealed record ServiceMemory(double IdleMiB, double UnderLoadMiB);
