extern alias registry;

using System.Net.Http.Json;
using HybridInference.Contracts.Fleet;
using HybridInference.EdgeInference.Fleet;
using HybridInference.Inference.Signing;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistryStore = registry::HybridInference.Registry.Models.ModelRegistryStore;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// The real registry (seeded from the committed models, signing with the test key, on its own Garnet) and one real
/// edge node trusting that key, connected over the fleet stream; the node's refusal counter is listened to.
/// Shared by a test class: each test registers a version of its own.
/// </summary>
public sealed class SignedFleet : IAsyncLifetime
{
    private CounterRecorder? _refusals;

    public RegistryServer Registry { get; private set; } = null!;

    public EdgeFactory Edge { get; } = new();

    public CounterRecorder Refusals => _refusals!;

    public ModelRegistryStore Store => Registry.Services.GetRequiredService<ModelRegistryStore>();

    public async Task InitializeAsync()
    {
        var http = new ReservedPort();
        var grpc = new ReservedPort();
        http.Dispose();
        grpc.Dispose();
        Registry = new RegistryServer(http.Port, grpc.Port, new Dictionary<string, string?> { ["Registry:SeedDirectory"] = Path.Combine(TestData.Root, "models") });
        await HealthWait.UntilHealthyAsync(Registry.Client);

        Edge.Settings["Fleet:RegistryHttpAddress"] = Registry.HttpAddress;
        Edge.Settings["Fleet:RegistryGrpcAddress"] = $"http://127.0.0.1:{grpc.Port}";
        Edge.Settings["Fleet:ReconnectMinSeconds"] = "1";
        Edge.Settings["Fleet:ReconnectMaxSeconds"] = "1";
        await Edge.InitializeAsync();
        _refusals = new CounterRecorder(Edge.Services.GetRequiredService<ModelTrustMetrics>().Meter, ModelTrustMetrics.RefusedName);
        await UntilAsync(async () => (await Registry.Client.GetAsync("/api/fleet/devices/edge-test")).IsSuccessStatusCode, "the node never registered");
    }

    public async Task DisposeAsync()
    {
        _refusals?.Dispose();
        await Edge.DisposeAsync();
        await Registry.DisposeAsync();
    }

    public RunningModelRef? Running => Edge.Services.GetRequiredService<RunningModel>().Current;

    /// <summary>Sets the node's desired version through the fleet API and returns the node's report of that state, as the fleet view shows it.</summary>
    public async Task<StateReportRecord> DesireAsync(int version)
    {
        using var put = await Registry.Client.PutAsJsonAsync("/api/fleet/devices/edge-test/desired", new { model = "fashion-edge", version, actor = "signing-test" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var desired = (await put.Content.ReadFromJsonAsync(FleetJsonContext.Default.DesiredState))!;
        StateReportRecord? report = null;
        await UntilAsync(async () =>
        {
            var device = await Registry.Client.GetFromJsonAsync("/api/fleet/devices/edge-test", FleetJsonContext.Default.DeviceView);
            report = device?.LastReport is { } last && last.Generation == desired.Generation ? last : null;
            return report is not null;
        }, $"the node never reported generation {desired.Generation}");
        return report!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }
}
