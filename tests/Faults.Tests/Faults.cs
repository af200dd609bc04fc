using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Model;

namespace HybridInference.Faults.Tests;

/// <summary>Valid faults for tests, built through the validator so they are what the API would store.</summary>
internal static class Faults
{
    public static Fault Make(FaultRequest request, DateTimeOffset now)
    {
        Assert.True(FaultValidator.TryCreate(request, now, () => "f-" + Guid.NewGuid().ToString("N")[..8], out var fault, out var errors),
            string.Join("; ", errors.SelectMany(pair => pair.Value)));
        return fault!;
    }

    public static FaultRequest Latency(string service, string destination, int ms, double rate = 1, int seconds = 60) =>
        new() { Kind = "link-latency", Service = service, Destination = destination, LatencyMs = ms, Rate = rate, DurationSeconds = seconds };
}
