using Grpc.Core;
using Grpc.Net.Client;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Registry.Tests.Fleet;

/// <summary>A device's side of the fleet protocol against an in-process registry, as an edge node speaks it.</summary>
public sealed class FleetClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public FleetClient(WebApplicationFactory<Program> registry)
    {
        _channel = GrpcChannel.ForAddress(registry.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = registry.Server.CreateHandler() });
        Client = new FleetService.FleetServiceClient(_channel);
    }

    public FleetService.FleetServiceClient Client { get; }

    public static string NewDeviceId() => "dev-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The call headers of device <paramref name="id"/>'s credential (or of <paramref name="token"/>).</summary>
    public static Metadata Headers(string id, string? token = null) => new() { { "Authorization", "Bearer " + (token ?? TestAuth.DeviceToken(id)) } };

    /// <summary>Registers device <paramref name="id"/> with its own credential, or with <paramref name="token"/>.</summary>
    public Task<RegisterReply> RegisterAsync(string id, string site = "site-1", ModelInUse? model = null, string group = "canary", string? token = null) =>
        Client.RegisterAsync(new RegisterRequest
        {
            Device = new DeviceInfo { DeviceId = id, Site = site, Group = group, Hardware = "sim-gpu-8g", SoftwareVersion = "1.2.3" },
            Model = model,
        }, Headers(id, token)).ResponseAsync;

    /// <summary>Opens the device's stream with its hello, with its own credential or <paramref name="token"/>.</summary>
    public async Task<AsyncDuplexStreamingCall<DeviceMessage, ControlMessage>> ConnectAsync(string id, string? token = null)
    {
        var call = Client.Connect(Headers(id, token));
        await call.RequestStream.WriteAsync(new DeviceMessage { Hello = new Hello { DeviceId = id } });
        return call;
    }

    /// <summary>
    /// Ends the device's side and drains the registry's: the registry has handled every message sent before
    /// this returns, so tests read the store without polling.
    /// </summary>
    public static async Task CloseAsync(AsyncDuplexStreamingCall<DeviceMessage, ControlMessage> call)
    {
        await call.RequestStream.CompleteAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
        }
    }

    public static Telemetry Telemetry(double temperature = 61.5, bool throttled = false) => new()
    {
        TimestampUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        InferenceCount = 480,
        LatencyP50Ms = 1.5,
        LatencyP95Ms = 4.2,
        LatencyP99Ms = 9.8,
        ConfidenceHistogram = { 0, 0, 1, 3, 5, 8, 13, 40, 90, 320 },
        GpuTemperatureC = temperature,
        GpuUtilisation = 0.31,
        GpuMemoryUsedMib = 1300,
        GpuMemoryTotalMib = 8192,
        Throttled = throttled,
        Model = new ModelInUse { Name = "fashion-edge", Version = 1, Digest = "sha256:" + new string('a', 64) },
    };

    public void Dispose() => _channel.Dispose();
}
