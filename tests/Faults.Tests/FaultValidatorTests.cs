using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Model;

namespace HybridInference.Faults.Tests;

public sealed class FaultValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<FaultRequest, FaultKind, string> ValidRequests => new()
    {
        { new() { Kind = "link-latency", Service = "router", Destination = "cloud-inference", LatencyMs = 300, JitterMs = 20, DurationSeconds = 60 }, FaultKind.LinkLatency, "router->cloud-inference" },
        { new() { Kind = "link-error", Service = "edge-1", Destination = "registry", StatusCode = 503, Rate = 0.2, DurationSeconds = 60 }, FaultKind.LinkError, "edge-1->registry" },
        { new() { Kind = "link-error", Service = "router", Destination = "*", Exception = "timeout", DurationSeconds = 60 }, FaultKind.LinkError, "router->*" },
        { new() { Kind = "link-partition", Service = "router", Destination = "edge-2", Mode = "hang", DurationSeconds = 30 }, FaultKind.LinkPartition, "router->edge-2" },
        { new() { Kind = "endpoint-latency", Service = "edge-1", Endpoint = "/v2", LatencyMs = 50, DurationSeconds = 60 }, FaultKind.EndpointLatency, "edge-1:/v2" },
        { new() { Kind = "endpoint-error", Service = "cloud-inference", StatusCode = 500, DurationSeconds = 60 }, FaultKind.EndpointError, "cloud-inference:/" },
        { new() { Kind = "device", Service = "edge-1", Device = new() { TemperatureRiseCelsius = 40, Throttle = true }, DurationSeconds = 60 }, FaultKind.Device, "edge-1" },
        { new() { Kind = "model-noise", Service = "edge-2", Noise = 0.3, DurationSeconds = 60 }, FaultKind.ModelNoise, "edge-2" },
        { new() { Kind = "store-outage", Service = "router", ExpiresAt = Now.AddSeconds(30) }, FaultKind.StoreOutage, "router" },
    };

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void TryCreate_ValidRequest_GivesFaultWithTargetAndExpiry(FaultRequest request, FaultKind kind, string target)
    {
        Assert.True(FaultValidator.TryCreate(request, Now, () => "f-1", out var fault, out var errors), string.Join("; ", errors.SelectMany(e => e.Value)));
        Assert.Equal(kind, fault!.Kind);
        Assert.Equal(target, fault.Target);
        Assert.Equal("f-1", fault.Id);
        Assert.Equal(Now, fault.StartsAt);
        Assert.True(fault.ExpiresAt > Now && fault.ExpiresAt <= Now.AddHours(1));
    }

    [Fact]
    public void TryCreate_Partition_DefaultsToFailFast_AndRateToOne()
    {
        Assert.True(FaultValidator.TryCreate(new() { Kind = "link-partition", Service = "router", Destination = "cloud-inference", DurationSeconds = 5 }, Now, () => "x", out var fault, out _));
        Assert.Equal(PartitionMode.FailFast, fault!.Mode);
        Assert.Equal(1, fault.Rate);
        Assert.Equal(Now.AddSeconds(5), fault.ExpiresAt);
    }

    public static TheoryData<FaultRequest, string, string> BadRequests => new()
    {
        { new() { Service = "router", DurationSeconds = 5 }, "kind", "kind is required" },
        { new() { Kind = "latency", Service = "router", DurationSeconds = 5 }, "kind", "'latency' is unknown" },
        { new() { Kind = "store-outage", DurationSeconds = 5 }, "service", "service is required" },
        { new() { Kind = "store-outage", Service = "Router!", DurationSeconds = 5 }, "service", "'Router!'" },
        { new() { Kind = "store-outage", Service = "router", Id = "Bad Id", DurationSeconds = 5 }, "id", "'Bad Id'" },
        { new() { Kind = "link-latency", Service = "router", LatencyMs = 10, DurationSeconds = 5 }, "destination", "destination is required" },
        { new() { Kind = "link-latency", Service = "router", Destination = "cloud inference", LatencyMs = 10, DurationSeconds = 5 }, "destination", "'cloud inference'" },
        { new() { Kind = "store-outage", Service = "router", Destination = "cloud-inference", DurationSeconds = 5 }, "destination", "only to link kinds" },
        { new() { Kind = "endpoint-error", Service = "router", Endpoint = "v2", StatusCode = 500, DurationSeconds = 5 }, "endpoint", "starting with '/'" },
        { new() { Kind = "link-error", Service = "router", Destination = "x", Endpoint = "/v2", StatusCode = 500, DurationSeconds = 5 }, "endpoint", "only to endpoint kinds" },
        { new() { Kind = "link-latency", Service = "router", Destination = "x", DurationSeconds = 5 }, "latencyMs", "latencyMs is required" },
        { new() { Kind = "link-latency", Service = "router", Destination = "x", LatencyMs = 0, DurationSeconds = 5 }, "latencyMs", "(was 0)" },
        { new() { Kind = "link-latency", Service = "router", Destination = "x", LatencyMs = 60_001, DurationSeconds = 5 }, "latencyMs", "(was 60001)" },
        { new() { Kind = "link-latency", Service = "router", Destination = "x", LatencyMs = 5, JitterMs = -1, DurationSeconds = 5 }, "jitterMs", "(was -1)" },
        { new() { Kind = "link-error", Service = "router", Destination = "x", LatencyMs = 5, StatusCode = 500, DurationSeconds = 5 }, "latencyMs", "does not apply to link-error" },
        { new() { Kind = "link-error", Service = "router", Destination = "x", DurationSeconds = 5 }, "statusCode", "exactly one of statusCode or exception" },
        { new() { Kind = "link-error", Service = "router", Destination = "x", StatusCode = 500, Exception = "timeout", DurationSeconds = 5 }, "statusCode", "exactly one" },
        { new() { Kind = "link-error", Service = "router", Destination = "x", StatusCode = 200, DurationSeconds = 5 }, "statusCode", "(was 200)" },
        { new() { Kind = "link-error", Service = "router", Destination = "x", Exception = "boom", DurationSeconds = 5 }, "exception", "(was 'boom')" },
        { new() { Kind = "endpoint-error", Service = "router", Exception = "timeout", DurationSeconds = 5 }, "exception", "applies only to link-error" },
        { new() { Kind = "link-partition", Service = "router", Destination = "x", Mode = "drop", DurationSeconds = 5 }, "mode", "(was 'drop')" },
        { new() { Kind = "link-latency", Service = "router", Destination = "x", LatencyMs = 5, Mode = "hang", DurationSeconds = 5 }, "mode", "does not apply" },
        { new() { Kind = "link-latency", Service = "router", Destination = "x", LatencyMs = 5, Rate = 1.5, DurationSeconds = 5 }, "rate", "(was 1.5)" },
        { new() { Kind = "link-latency", Service = "router", Destination = "x", LatencyMs = 5, Rate = double.NaN, DurationSeconds = 5 }, "rate", "in [0,1]" },
        { new() { Kind = "device", Service = "edge-1", DurationSeconds = 5 }, "device", "at least one of" },
        { new() { Kind = "device", Service = "edge-1", Device = new() { ExtraUtilisation = 2 }, DurationSeconds = 5 }, "device.extraUtilisation", "(was 2)" },
        { new() { Kind = "device", Service = "edge-1", Device = new() { TemperatureRiseCelsius = 500 }, DurationSeconds = 5 }, "device.temperatureRiseCelsius", "(was 500)" },
        { new() { Kind = "device", Service = "edge-1", Device = new() { MemoryPressureMiB = -5 }, DurationSeconds = 5 }, "device.memoryPressureMiB", "(was -5)" },
        { new() { Kind = "model-noise", Service = "edge-1", DurationSeconds = 5 }, "noise", "noise is required" },
        { new() { Kind = "model-noise", Service = "edge-1", Noise = 0, DurationSeconds = 5 }, "noise", "(was 0)" },
        { new() { Kind = "store-outage", Service = "edge-1", Noise = 0.1, DurationSeconds = 5 }, "noise", "does not apply" },
        { new() { Kind = "store-outage", Service = "router" }, "durationSeconds", "every fault must end by itself" },
        { new() { Kind = "store-outage", Service = "router", DurationSeconds = 5, ExpiresAt = Now.AddSeconds(5) }, "expiresAt", "exactly one" },
        { new() { Kind = "store-outage", Service = "router", DurationSeconds = 3601 }, "durationSeconds", "(was 3601)" },
        { new() { Kind = "store-outage", Service = "router", DurationSeconds = 0.5 }, "durationSeconds", "(was 0.5)" },
        { new() { Kind = "store-outage", Service = "router", ExpiresAt = Now.AddHours(2) }, "expiresAt", "at most one hour" },
        { new() { Kind = "store-outage", Service = "router", ExpiresAt = Now.AddSeconds(-10) }, "expiresAt", "at least 1 s after the start" },
        { new() { Kind = "store-outage", Service = "router", StartsAt = Now.AddHours(2), DurationSeconds = 5 }, "startsAt", "one hour ahead" },
        { new() { Kind = "store-outage", Service = "router", StartsAt = Now.AddHours(-1), DurationSeconds = 5 }, "startsAt", "one minute ago" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void TryCreate_BadRequest_NamesTheField(FaultRequest request, string field, string message)
    {
        Assert.False(FaultValidator.TryCreate(request, Now, () => "f-1", out var fault, out var errors));
        Assert.Null(fault);
        Assert.True(errors.ContainsKey(field), $"expected an error on '{field}', got: {string.Join(", ", errors.Keys)}");
        Assert.Contains(errors[field], text => text.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreate_SeveralMistakes_ReportsEveryOne()
    {
        Assert.False(FaultValidator.TryCreate(new() { Kind = "link-latency", Rate = 2 }, Now, () => "x", out _, out var errors));
        Assert.Equal(["destination", "durationSeconds", "latencyMs", "rate", "service"], errors.Keys.Order());
    }
}
