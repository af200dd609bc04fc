extern alias registry;

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.PredictionLog;
using HybridInference.Rollouts.Control;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Cli.Tests;

/// <summary>
/// The real registry in-process on its own embedded Garnet, seeded with the committed models, with
/// fashion-edge v2 registered, four devices registered over the fleet protocol and a fake clock, so a test
/// can write the router's prediction records and bring an analysis the way the controller would.
/// </summary>
public sealed class CliRegistry : IAsyncLifetime
{
    private readonly EmbeddedGarnet _store = new("127.0.0.1", FreePort.Next());
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-cli-registry-").FullName;

    public CliRegistry()
    {
        Factory = new ServiceFactory<registry::Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", $"127.0.0.1:{_store.Port}");
            web.UseSetting("Store:KeyPrefix", "cli" + Guid.NewGuid().ToString("N")[..8]);
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseRegistrySigningKey();
            web.UseSetting("Registry:SeedDirectory", RepositoryRoot.Combine("models"));
            foreach (var (key, value) in TestEnrolment.RegistrySettings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);

                // The tests tick the engine themselves (AnalyseAsync). The controller's own timer would also fire on each
                // advance of the clock and analyse the same interval again, late and at random: a CI run saw a rollout
                // rolled back behind the test's back, so that `rollouts abort` was refused.
                foreach (var controller in services.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
                             && d.ImplementationType == typeof(RolloutController)).ToList())
                {
                    services.Remove(controller);
                }
            });
        });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public WebApplicationFactory<registry::Program> Factory { get; }

    public IReadOnlyList<string> Devices { get; } = ["edge-1", "edge-2", "edge-3", "edge-4"];

    /// <summary>A handler the CLI's clients send through; it reaches the in-process registry whatever host the URL names.</summary>
    public HttpMessageHandler Client() => Factory.Server.CreateHandler();

    public async Task InitializeAsync()
    {
        using var http = Factory.CreateClient();
        await HealthWait.UntilHealthyAsync(http);

        using var channel = GrpcChannel.ForAddress(Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Factory.Server.CreateHandler() });
        var fleet = new FleetService.FleetServiceClient(channel);
        foreach (var device in Devices)
        {
            await fleet.RegisterAsync(new RegisterRequest
            {
                Device = new DeviceInfo { DeviceId = device, Site = "site-1", Group = "canary", Hardware = "sim-gpu-8g", SoftwareVersion = "1.2.3" },
            }, new Grpc.Core.Metadata { { "Authorization", "Bearer " + TestAuth.DeviceToken(device) } });
        }

        // The cloud model's bytes under the edge model's name: a real, valid, different version 2.
        var card = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model-card.json")))!.AsObject();
        card["name"] = "fashion-edge";
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model.onnx"))), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("cli-test"), "actor" },
        };
        using var registered = await http.PostAsync("/api/models/fashion-edge/versions", form);
        Assert.Equal(2, (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    /// <summary>One interval of labelled traffic (60 requests per device), then the analysis the controller would run.</summary>
    public async Task AnalyseAsync(string rolloutId, IReadOnlyCollection<string> canaries, double canaryAccuracy, double controlAccuracy)
    {
        var records = new List<PredictionRecord>();
        foreach (var device in Devices)
        {
            var canary = canaries.Contains(device);
            for (var i = 0; i < 60; i++)
            {
                records.Add(new PredictionRecord
                {
                    RequestId = Guid.NewGuid().ToString("N"),
                    Timestamp = Clock.GetUtcNow(),
                    Model = "fashion",
                    Tier = "edge",
                    Site = "site-1",
                    Device = device,
                    EdgeVersion = canary ? "2" : "1",
                    EdgeClass = i < 60 * (canary ? canaryAccuracy : controlAccuracy) ? i % 10 : (i + 1) % 10,
                    EdgeConfidence = 0.93,
                    EdgeLatencyMs = 2 + (0.1 * (i % 7)),
                    TotalLatencyMs = 3,
                    Label = i % 10,
                });
            }
        }

        await Factory.Services.GetRequiredService<PredictionStore>().WriteAsync(records);
        Clock.Advance(TimeSpan.FromSeconds(10));
        await Factory.Services.GetRequiredService<RolloutEngine>().TickAsync(rolloutId, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_artifacts, recursive: true);
    }
}
