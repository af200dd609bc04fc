using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.EdgeInference.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// An edge node whose registry is unreachable buffers its telemetry (bounded, oldest dropped and counted) and
/// sends it in order when the real registry appears where the node expects it; the registry keeps the original
/// timestamps. The node runs on a fake clock, so which messages exist is decided by the test, not by timing.
/// </summary>
public sealed class TelemetryBufferingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RegistryUnreachable_ThenBack_BufferedTelemetryArrivesInOrder_WithOriginalTimestamps_OldestDropped()
    {
        var http = new ReservedPort();
        var grpc = new ReservedPort();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var edge = new EdgeFactory { Time = clock };
        edge.Settings["Fleet:RegistryHttpAddress"] = $"http://127.0.0.1:{http.Port}";
        edge.Settings["Fleet:RegistryGrpcAddress"] = $"http://127.0.0.1:{grpc.Port}";
        edge.Settings["Fleet:TelemetryIntervalSeconds"] = "5";
        edge.Settings["Fleet:TelemetryBufferSize"] = "3";
        edge.Settings["Fleet:ReconnectMinSeconds"] = "1";
        edge.Settings["Fleet:ReconnectMaxSeconds"] = "1";
        await edge.InitializeAsync();
        var outbox = edge.Services.GetRequiredService<TelemetryOutbox>();

        // Five messages while nobody listens; each Advance makes at most one (the agent may not have started
        // its timer before the first ones).
        List<long> produced = [];
        while (produced.Count < 5)
        {
            var before = outbox.Count + outbox.Dropped;
            clock.Advance(Interval);
            if (await EventuallyAsync(() => Task.FromResult(outbox.Count + outbox.Dropped > before), TimeSpan.FromSeconds(1)))
            {
                produced.Add(clock.GetUtcNow().ToUnixTimeMilliseconds());
            }
        }

        Assert.Equal(3, outbox.Count);
        Assert.Equal(2, outbox.Dropped);

        http.Dispose();
        grpc.Dispose();
        await using var registry = new RegistryServer(http.Port, grpc.Port);

        // Advancing 1 s at a time ends the reconnect backoff; four steps stay short of the next telemetry tick.
        JsonElement history = default;
        for (var step = 0; step < 4 && history.ValueKind != JsonValueKind.Array; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await EventuallyAsync(async () =>
            {
                using var response = await registry.Client.GetAsync("/api/fleet/devices/edge-test/telemetry");
                var found = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
                if (found.ValueKind == JsonValueKind.Array && found.GetArrayLength() >= 3)
                {
                    history = found;
                    return true;
                }

                return false;
            }, TimeSpan.FromSeconds(3));
        }

        Assert.Equal(JsonValueKind.Array, history.ValueKind);
        var stored = history.EnumerateArray().Select(t => t.GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds()).Reverse().ToList();
        var device = await registry.Client.GetFromJsonAsync<JsonElement>("/api/fleet/devices/edge-test");

        Assert.Equal(produced[^3..], stored);
        Assert.Equal(produced[^1], device.GetProperty("telemetry").GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("canary", device.GetProperty("group").GetString());
        Assert.Equal(0, outbox.Count);
        Assert.Equal(2, outbox.Dropped);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
