using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>
/// The webhook limits as a caller of the registry's API meets them, on the real registry and store with a real
/// loopback receiver: a refused destination is a 400 naming the hook and why and the receiver sees nothing, a
/// service name is not resolved by service discovery, the hook count is bounded, and a secret never comes back.
/// </summary>
public sealed class WebhookLimitsTests(StoreBackends stores) : IClassFixture<StoreBackends>
{
    private const string Secret = "never-shown-7f3a";

    [Fact]
    public async Task Start_WithAHookOnLoopbackNotAllowListed_Is400NamingTheHook_AndTheReceiverSeesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2);

        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", Spec(("pre", "pre-rollout", receiver.Url("pre"), null)));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("'webhooks[0]' ('pre') may not call", detail, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1 is loopback", detail, StringComparison.Ordinal);
        Assert.Empty(receiver.Calls);
        Assert.Empty(await fleet.Http.GetFromJsonAsync<JsonElement[]>("/api/rollouts") ?? []);
    }

    [Fact]
    public async Task Start_WithAServiceName_IsRefused_AndAllowListed_IsNotResolvedByServiceDiscovery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var discovery = new Dictionary<string, string>(WebhookTests.LoopbackAllowed)
        {
            ["Services:hooks:http:0"] = receiver.Address.GetLeftPart(UriPartial.Authority),
        };
        await using (var refusing = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2, settings: discovery))
        {
            using var refused = await refusing.Http.PostAsJsonAsync("/api/rollouts", Spec(("pre", "pre-rollout", "http://hooks/pre", null)));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("'hooks' is a single-label name", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Allow-listed by name, "hooks" is looked up in DNS (where it does not exist), never mapped to the receiver.
        discovery["Rollouts:Webhooks:AllowedHosts:0"] = "hooks";
        discovery["Rollouts:WebhookAttempts"] = "1";
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2, settings: discovery);
        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", Spec(("pre", "pre-rollout", "http://hooks/pre", null)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("rolled-back", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString());
        Assert.Empty(receiver.Calls);
    }

    [Fact]
    public async Task Start_WithMoreHooksThanTheLimit_Is400()
    {
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2, settings: new Dictionary<string, string> { ["Rollouts:Webhooks:MaxPerRollout"] = "2" });
        var hooks = Enumerable.Range(0, 3).Select(i => ($"h{i}", "rollout", $"https://hooks.example.com/{i}", (string?)null)).ToArray();

        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", Spec(hooks));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'webhooks' may hold at most 2 hooks (was 3", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSecret_IsUsedToSign_ButNeverReturned_ByTheApiOrThePages()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 2, settings: WebhookTests.LoopbackAllowed);

        using var started = await fleet.Http.PostAsJsonAsync("/api/rollouts", Spec(("pre", "pre-rollout", receiver.Url("pre"), Secret), ("back", "rollback", receiver.Url("back"), Secret)));
        var startedText = await started.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = JsonDocument.Parse(startedText).RootElement.GetProperty("id").GetString()!;
        using var aborted = await fleet.Http.PostAsync($"/api/rollouts/{id}/abort", null);

        string[] answers =
        [
            startedText,
            await aborted.Content.ReadAsStringAsync(),
            await fleet.Http.GetStringAsync("/api/rollouts"),
            await fleet.Http.GetStringAsync($"/api/rollouts/{id}"),
            await fleet.Http.GetStringAsync("/rollouts"),
            await fleet.Http.GetStringAsync($"/rollouts/{id}"),
        ];

        Assert.Equal(HttpStatusCode.OK, aborted.StatusCode);
        Assert.All(answers, a => Assert.DoesNotContain(Secret, a, StringComparison.Ordinal));
        Assert.DoesNotContain("\"secret\"", answers[3], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["pre", "back"], receiver.Calls.Select(c => c.Name));
        Assert.All(receiver.Calls, c => Assert.NotNull(c.Signature));
        var hooks = JsonDocument.Parse(answers[3]).RootElement.GetProperty("spec").GetProperty("webhooks");
        Assert.Equal(["pre", "back"], hooks.EnumerateArray().Select(h => h.GetProperty("name").GetString()));
    }

    private static object Spec(params (string Name, string Type, string Url, string? Secret)[] hooks) => new
    {
        model = "fashion-edge",
        candidateVersion = 2,
        steps = new[] { 25, 50, 100 },
        intervalSeconds = 10,
        minSamples = 40,
        webhooks = hooks.Select(h => new { name = h.Name, type = h.Type, url = h.Url, secret = h.Secret }).ToArray(),
    };
}
