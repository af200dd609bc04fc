using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.PredictionLog;
using HybridInference.Registry.Tests.Fleet;
using HybridInference.Rollouts.Control;
using HybridInference.Storage;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>
/// A registry of its own (its own key prefix, so its own fleet) on the real store, seeded with the
/// committed models, with fashion-edge v2 registered, devices registered over the fleet protocol, and a
/// fake clock: the test writes the router's prediction records and moves time to the next analysis.
/// </summary>
public sealed class RolloutFleet : IAsyncDisposable
{
    private readonly List<string> _devices = [];

    private RolloutFleet(WebApplicationFactory<Program> registry, FakeTimeProvider clock, string prefix, string store, string artifacts)
    {
        Registry = registry;
        Clock = clock;
        Prefix = prefix;
        Store = store;
        Artifacts = artifacts;
        Http = registry.CreateClient();
        Http.DefaultRequestHeaders.Add("X-Actor", "rollout-test");
    }

    public WebApplicationFactory<Program> Registry { get; }

    public FakeTimeProvider Clock { get; }

    public string Prefix { get; }

    public string Store { get; }

    public string Artifacts { get; }

    public HttpClient Http { get; }

    public IReadOnlyList<string> Devices => _devices;

    public RolloutEngine Engine => Registry.Services.GetRequiredService<RolloutEngine>();

    public static async Task<RolloutFleet> StartAsync(string store, int devices, string? prefix = null, string? artifacts = null, FakeTimeProvider? clock = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        prefix ??= "r" + Guid.NewGuid().ToString("N")[..10];
        artifacts ??= Directory.CreateTempSubdirectory("hi-rollouts-").FullName;
        var registry = Create(store, prefix, artifacts, clock, settings);
        var fleet = new RolloutFleet(registry, clock, prefix, store, artifacts);
        await HealthWait.UntilHealthyAsync(fleet.Http);
        using var client = new FleetClient(registry);
        for (var i = 0; i < devices; i++)
        {
            var id = $"edge-{i + 1}";
            await client.RegisterAsync(id);
            fleet._devices.Add(id);
        }

        await fleet.RegisterCandidateAsync();
        return fleet;
    }

    /// <summary>A second registry over the same store and artifacts: another replica, or this one after a restart.</summary>
    public static WebApplicationFactory<Program> Create(string store, string prefix, string artifacts, FakeTimeProvider clock, IReadOnlyDictionary<string, string>? settings = null) =>
        new ServiceFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                web.UseSetting(key, value);
            }

            web.UseSetting("ConnectionStrings:store", store);
            web.UseSetting("Store:KeyPrefix", prefix);
            web.UseSetting("Store:ConnectTimeoutMs", "500");
            web.UseSetting("Registry:ArtifactDirectory", artifacts);
            web.UseRegistrySigningKey();
            web.UseSetting("Registry:SeedDirectory", RepositoryRoot.Combine("models"));
            web.UseSetting("Rollouts:LeaseSeconds", "1");
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        });

    /// <summary>The router's records for <paramref name="count"/> requests on <paramref name="device"/>.</summary>
    public async Task RecordAsync(string device, int version, int count, double accuracy, double confidence = 0.93, double latencyMs = 2.0, double escalated = 0.1)
    {
        var store = Registry.Services.GetRequiredService<PredictionStore>();
        var records = new List<PredictionRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var label = i % 10;
            records.Add(new PredictionRecord
            {
                RequestId = Guid.NewGuid().ToString("N"),
                Timestamp = Clock.GetUtcNow(),
                Model = "fashion",
                Tier = "edge",
                Site = "site-1",
                Device = device,
                EdgeVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                EdgeClass = i < count * accuracy ? label : (label + 1) % 10,
                EdgeConfidence = confidence + (0.01 * (i % 5)),
                EscalationReason = i < count * escalated ? "low-confidence" : null,
                EdgeLatencyMs = latencyMs + (0.1 * (i % 7)),
                TotalLatencyMs = latencyMs + 1,
                Label = label,
            });
        }

        await store.WriteAsync(records);
    }

    /// <summary>Every device's desired model version (null when none was set).</summary>
    public async Task<Dictionary<string, int?>> DesiredAsync()
    {
        var devices = await Http.GetFromJsonAsync<JsonElement>("/api/fleet/devices");
        return devices.EnumerateArray().ToDictionary(
            d => d.GetProperty("id").GetString()!,
            d => d.TryGetProperty("desired", out var desired) && desired.ValueKind == JsonValueKind.Object
                ? desired.GetProperty("model").GetProperty("version").GetInt32()
                : (int?)null);
    }

    public async Task<int?> AliasAsync(string alias, string model = "fashion-edge")
    {
        using var response = await Http.GetAsync($"/api/models/{model}/aliases/{alias}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32() : null;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Registry.DisposeAsync();
    }

    private async Task RegisterCandidateAsync()
    {
        // The cloud model's bytes under the edge model's name: a real, valid, different version 2.
        var card = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model-card.json")))!.AsObject();
        card["name"] = "fashion-edge";
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model.onnx"))), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("rollout-test"), "actor" },
            { new StringContent("1"), "parent" },
        };
        using var response = await Http.PostAsync("/api/models/fashion-edge/versions", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("version").GetInt32() != 2)
        {
            throw new InvalidOperationException("expected the candidate to be version 2: " + body);
        }
    }
}
