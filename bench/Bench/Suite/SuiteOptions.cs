namespace HybridInference.Bench.Suite;

/// <summary>How `all` runs.</summary>
/// <param name="Duration">Measured time per load measurement.</param>
/// <param name="WarmUp">Unrecorded load before each measurement.</param>
/// <param name="Smoke">Seconds-long run for CI: exercises every path, measures nothing worth reading; skips the AppHost.</param>
/// <param name="SkipExternalTools">Do not run wrk/h2load even when installed.</param>
/// <param name="SkipAppHost">Do not time `dotnet run --project src/AppHost` (line 8 then gives the plain-process startup).</param>
public sealed record SuiteOptions(TimeSpan Duration, TimeSpan WarmUp, bool Smoke, bool SkipExternalTools, bool SkipAppHost);
