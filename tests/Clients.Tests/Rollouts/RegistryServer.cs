using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.State;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Tests.Rollouts;

/// <summary>
/// The real registry in-process (<see cref="RegistryHost"/>), with a version 2 of fashion-edge registered so that a rollout has a candidate.
/// </summary>
public sealed class RegistryServer : RegistryHost
{
    /// <summary>An HttpClient of the registry, with its base address set, as a typed client gets it.</summary>
    public HttpClient Http() => Factory.CreateClient();

    /// <summary>
    /// Stores a progressing rollout of fashion-edge v2 over v1 directly, as the engine would after starting one at a
    /// canary step: a real start below 100 % needs two devices in the fleet, and one at 100 % is promoted at once.
    /// </summary>
    public async Task<Rollout> StoreProgressingAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var rollout = new Rollout
        {
            Id = $"fashion-edge-{now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}",
            Spec = new RolloutSpec { Model = "fashion-edge", CandidateVersion = 2, StableVersion = 1, Steps = [50, 100], IntervalSeconds = 3600 },
            Model = "fashion-edge",
            Candidate = 2,
            Stable = 1,
            Weight = 50,
            StartedAt = now,
            StepStartedAt = now,
            StartedBy = "clients-test",
            Events = [new(now, "started", "canary 50 %", "clients-test", 50)],
        };
        if (await Factory.Services.GetRequiredService<RolloutStore>().TryCreateAsync(rollout) is { } active)
        {
            throw new InvalidOperationException($"fashion-edge already has an active rollout, {active}: a test left it running");
        }

        return rollout;
    }

    protected override Task OnStartedAsync(HttpClient registry) => RegisterCandidateAsync(registry);

    private static async Task RegisterCandidateAsync(HttpClient http)
    {
        // The cloud model's bytes under the edge model's name: a real, valid, different version 2.
        var card = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model-card.json")))!.AsObject();
        card["name"] = "fashion-edge";
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model.onnx"))), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("clients-test"), "actor" },
            { new StringContent("1"), "parent" },
        };
        using var response = await http.PostAsync("/api/models/fashion-edge/versions", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("version").GetInt32() != 2)
        {
            throw new InvalidOperationException("expected the candidate to be version 2: " + body);
        }
    }
}
