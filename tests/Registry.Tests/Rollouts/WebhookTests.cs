using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Rollouts.State;
using HybridInference.Rollouts.Webhooks;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>
/// A rollout's webhooks called over real HTTP: a loopback receiver records each call, the real registry
/// on the real store drives the rollout, the fake clock brings each analysis (and each retry's backoff).
/// </summary>
public sealed class WebhookTests(StoreBackends stores) : IClassFixture<StoreBackends>
{
    private const string PreSecret = "pre-secret";
    private const string GateSecret = "gate-s3cret";
    private const string StepSecret = "ünïcode secret";

    /// <summary>The receivers listen on 127.0.0.1, which webhooks may only call when allow-listed.</summary>
    public static readonly IReadOnlyDictionary<string, string> LoopbackAllowed = new Dictionary<string, string>
    {
        ["Rollouts:Webhooks:AllowedNetworks:0"] = "127.0.0.1/32",
    };

    [Fact]
    public async Task EveryHookType_IsCalled_InOrder_WithItsPayload_AndASignatureWhenItHasASecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);
        var spec = Spec(receiver, ("pre", "pre-rollout", PreSecret), ("step", "rollout", StepSecret), ("promoted", "promotion", null), ("back", "rollback", null), ("gate", "gate", GateSecret));

        // The rollback hook fires on an abort, with the phase as the API writes it; no other hook of the spec is called.
        var aborted = await StartAsync(fleet, spec);
        using (var abort = await fleet.Http.PostAsJsonAsync($"/api/rollouts/{aborted.Id}/abort", new { reason = "operator says no" }))
        {
            abort.EnsureSuccessStatusCode();
        }

        Assert.Equal(["pre", "back"], receiver.Calls.Select(c => c.Name));
        var rollback = receiver.Calls[1];
        AssertPayload(rollback, "rollback", aborted, "rolled-back", 0, nextWeight: null, "aborted by command: operator says no");
        Assert.Equal(aborted.CanaryDevices, rollback.Json.GetProperty("canaryDevices").EnumerateArray().Select(d => d.GetString()));
        Assert.Null(rollback.Signature);

        var started = await StartAsync(fleet, spec);
        var step = await AnalyseAsync(fleet, started, canaryAccuracy: 0.9);
        var promoted = await AnalyseAsync(fleet, step, canaryAccuracy: 0.9);

        Assert.Equal(RolloutPhase.Promoted, promoted.Phase);
        var calls = receiver.Calls.Skip(2).ToList();
        Assert.Equal(["pre", "gate", "step", "gate", "promoted"], calls.Select(c => c.Name));
        var (pre, gate1, stepped, gate2, promotion) = (calls[0], calls[1], calls[2], calls[3], calls[4]);
        AssertPayload(pre, "pre-rollout", started, "progressing", 25, nextWeight: null, "starting");
        AssertPayload(gate1, "gate", started, "progressing", 25, nextWeight: 50, "may the rollout step to 50 %?");
        AssertPayload(stepped, "rollout", step, "progressing", 50, nextWeight: null, "step to 50 %");
        AssertPayload(gate2, "gate", started, "progressing", 50, nextWeight: 100, "may the rollout step to 100 %?");
        AssertPayload(promotion, "promotion", started, "promoted", 100, nextWeight: null, "every step passed its analysis");
        Assert.Equal(fleet.Devices.Order(), promotion.Json.GetProperty("canaryDevices").EnumerateArray().Select(d => d.GetString()!).Order());
        Assert.Equal(fleet.Clock.GetUtcNow(), promotion.Json.GetProperty("at").GetDateTimeOffset());

        // Signed with each hook's own secret over the exact bytes sent; a hook without a secret is not signed.
        Assert.Equal(Hmac(PreSecret, pre.Body), pre.Signature);
        Assert.Equal(Hmac(GateSecret, gate1.Body), gate1.Signature);
        Assert.Equal(Hmac(StepSecret, stepped.Body), stepped.Signature);
        Assert.Equal(WebhookNotifier.Sign(StepSecret, stepped.Body), stepped.Signature);
        Assert.NotEqual(Hmac(PreSecret, stepped.Body), stepped.Signature);
        Assert.Null(promotion.Signature);
        Assert.All(receiver.Calls, c => Assert.Equal("application/json", c.ContentType));
    }

    [Fact]
    public async Task GateAnswering4xx_HoldsTheStep_OnceInTheTimeline_UntilItAnswers2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);
        receiver.Answer("gate", (403, """{"reason": "change freeze"}"""), (403, "{}"));
        var started = await StartAsync(fleet, Spec(receiver, ("gate", "gate", null)));

        var held = await AnalyseAsync(fleet, started, canaryAccuracy: 0.9);
        var stillHeld = await AnalyseAsync(fleet, held, canaryAccuracy: 0.9);

        Assert.Equal((RolloutPhase.Progressing, 25), (held.Phase, held.Weight));
        Assert.Equal("gate 'gate' answered 403", held.HeldBy);
        Assert.Equal(25, stillHeld.Weight);
        Assert.Single(stillHeld.Events, e => e.Kind == "held");
        Assert.Equal(2, receiver.CallsTo("gate").Count);
        Assert.Equal(started.CanaryDevices, (await fleet.DesiredAsync()).Where(d => d.Value == 2).Select(d => d.Key));

        var stepped = await AnalyseAsync(fleet, stillHeld, canaryAccuracy: 0.9);

        Assert.Equal(50, stepped.Weight);
        Assert.Null(stepped.HeldBy);
        Assert.Equal(3, receiver.CallsTo("gate").Count);
    }

    [Fact]
    public async Task GateAnsweringAbort_RollsBack_AndCallsTheRollbackHook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);
        receiver.Answer("gate", (200, """{"abort": true, "why": "error budget spent"}"""));
        var started = await StartAsync(fleet, Spec(receiver, ("gate", "gate", null), ("back", "rollback", null)));

        var rolledBack = await AnalyseAsync(fleet, started, canaryAccuracy: 0.9);

        Assert.Equal(RolloutPhase.RolledBack, rolledBack.Phase);
        Assert.Contains("gate 'gate' asked to abort", rolledBack.Events[^1].Message, StringComparison.Ordinal);
        Assert.Equal(1, (await fleet.DesiredAsync())[started.CanaryDevices[0]]);
        Assert.Null(await fleet.AliasAsync("challenger"));
        Assert.Equal("rolled-back", Assert.Single(receiver.CallsTo("back")).Json.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task AbortNow_WhileAGateHangs_IsNotKeptWaiting_AndTheLateGateChangesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);
        receiver.Hang("gate");
        var started = await StartAsync(fleet, Spec(receiver, ("gate", "gate", null)));
        using var giveUp = new CancellationTokenSource();
        foreach (var device in fleet.Devices)
        {
            await fleet.RecordAsync(device, started.CanaryDevices.Contains(device) ? 2 : 1, count: 60, accuracy: 0.9);
        }

        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        var tick = fleet.Engine.TickAsync(started.Id, giveUp.Token);
        await WaitForAsync(() => receiver.CallsTo("gate").Count > 0);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var abort = await fleet.Http.PostAsJsonAsync($"/api/rollouts/{started.Id}/abort", new { reason = "operator" });
        clock.Stop();
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tick);
        var after = await fleet.Http.GetFromJsonAsync<JsonElement>($"/api/rollouts/{started.Id}");

        Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"abort waited {clock.Elapsed.TotalSeconds:F1} s behind the hanging gate");
        Assert.Equal("rolled-back", after.GetProperty("phase").GetString());
        Assert.Equal(0, after.GetProperty("weight").GetInt32());
        Assert.Equal(1, (await fleet.DesiredAsync())[started.CanaryDevices[0]]);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition(), "timed out");
    }

    public static TheoryData<string> NotConsent() => new() { """{"abort": "yes"}""", """{"abort": 1}""", "not json", "[true]", "" };

    [Theory]
    [MemberData(nameof(NotConsent))]
    public async Task GateAnswering2xx_WithoutALiteralAbortTrue_LetsTheStepThrough(string body)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);
        receiver.Answer("gate", (200, body));
        var started = await StartAsync(fleet, Spec(receiver, ("gate", "gate", null)));

        var stepped = await AnalyseAsync(fleet, started, canaryAccuracy: 0.9);

        Assert.Equal((RolloutPhase.Progressing, 50), (stepped.Phase, stepped.Weight));
    }

    [Fact]
    public async Task PreRolloutRefusal_RollsBack_BeforeTheCandidateReachesAnyDevice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);
        receiver.Answer("pre", (409, """{"error": "tests are red"}"""));

        var refused = await StartAsync(fleet, Spec(receiver, ("pre", "pre-rollout", null), ("back", "rollback", null)));

        Assert.Equal(RolloutPhase.RolledBack, refused.Phase);
        Assert.Contains("pre-rollout webhook refused", refused.Events[^1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(2, (await fleet.DesiredAsync()).Values);
        Assert.Null(await fleet.AliasAsync("challenger"));
        Assert.Single(receiver.CallsTo("pre"));
        Assert.Single(receiver.CallsTo("back"));
    }

    [Fact]
    public async Task ServerErrors_AreRetried_ThreeAttempts_WithTheSameSignedBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);
        receiver.Answer("pre", (500, ""), (503, ""), (200, "{}"));
        receiver.Answer("back", (500, ""), (502, ""), (500, ""), (200, "{}"));
        var spec = Spec(receiver, ("pre", "pre-rollout", PreSecret), ("back", "rollback", null));

        var started = await WithClockRunningAsync(fleet, () => StartAsync(fleet, spec));

        Assert.Equal(RolloutPhase.Progressing, started.Phase);
        var attempts = receiver.CallsTo("pre");
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        Assert.All(attempts, a => Assert.Equal(Hmac(PreSecret, attempts[0].Body), a.Signature));

        // A hook still failing after three attempts is given up on; the rollback itself is not undone.
        var aborted = await WithClockRunningAsync(fleet, async () =>
        {
            using var response = await fleet.Http.PostAsync($"/api/rollouts/{started.Id}/abort", null);
            return JsonSerializer.Deserialize<Rollout>(await response.Content.ReadAsStringAsync(), RolloutStore.Json)!;
        });

        Assert.Equal(RolloutPhase.RolledBack, aborted.Phase);
        Assert.Equal(3, receiver.CallsTo("back").Count);
    }

    [Fact]
    public async Task UnreachableHooks_APreRolloutHookRefuses_AGateHolds_ANotificationDoesNotBlock()
    {
        using var closed = new ReservedPort();
        var nowhere = $"http://127.0.0.1:{closed.Port}/hook";
        await using var fleet = await RolloutFleet.StartAsync(stores.ConnectionString(StoreBackends.Garnet), devices: 4, settings: LoopbackAllowed);

        var refused = await WithClockRunningAsync(fleet, () => StartAsync(fleet, Spec(nowhere, ("pre", "pre-rollout"))));
        Assert.Equal(RolloutPhase.RolledBack, refused.Phase);

        var started = await WithClockRunningAsync(fleet, () => StartAsync(fleet, Spec(nowhere, ("gate", "gate"), ("step", "rollout"), ("done", "promotion"))));
        var held = await WithClockRunningAsync(fleet, () => AnalyseAsync(fleet, started, canaryAccuracy: 0.9));
        Assert.Equal(25, held.Weight);
        Assert.Equal("gate 'gate' is unreachable", held.HeldBy);

        using var promote = await WithClockRunningAsync(fleet, () => fleet.Http.PostAsync($"/api/rollouts/{started.Id}/promote", null));
        Assert.Equal(HttpStatusCode.OK, promote.StatusCode);
        Assert.All((await fleet.DesiredAsync()).Values, v => Assert.Equal(2, v));
    }

    private static void AssertPayload(WebhookCall call, string type, Rollout rollout, string phase, int weight, int? nextWeight, string message)
    {
        var json = call.Json;
        Assert.Equal(type, json.GetProperty("event").GetString());
        Assert.Equal(rollout.Id, json.GetProperty("rollout").GetString());
        Assert.Equal("fashion-edge", json.GetProperty("model").GetString());
        Assert.Equal(2, json.GetProperty("candidate").GetInt32());
        Assert.Equal(1, json.GetProperty("stable").GetInt32());
        Assert.Equal(phase, json.GetProperty("phase").GetString());
        Assert.Equal(weight, json.GetProperty("weight").GetInt32());
        Assert.Equal(nextWeight, json.GetProperty("nextWeight").ValueKind == JsonValueKind.Null ? null : json.GetProperty("nextWeight").GetInt32());
        Assert.EndsWith(message, json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The receiver's side, written from the documented scheme rather than by calling the sender's code.</summary>
    private static string Hmac(string secret, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + string.Concat(hmac.ComputeHash(body).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static object Spec(WebhookReceiver receiver, params (string Name, string Type, string? Secret)[] hooks) => new
    {
        model = "fashion-edge",
        candidateVersion = 2,
        steps = new[] { 25, 50, 100 },
        intervalSeconds = 10,
        minSamples = 40,
        webhooks = hooks.Select(h => new { name = h.Name, type = h.Type, url = receiver.Url(h.Name), secret = h.Secret }).ToArray(),
    };

    private static object Spec(string url, params (string Name, string Type)[] hooks) => new
    {
        model = "fashion-edge",
        candidateVersion = 2,
        steps = new[] { 25, 50, 100 },
        intervalSeconds = 10,
        minSamples = 40,
        webhooks = hooks.Select(h => new { name = h.Name, type = h.Type, url }).ToArray(),
    };

    private static async Task<Rollout> StartAsync(RolloutFleet fleet, object spec)
    {
        using var response = await fleet.Http.PostAsJsonAsync("/api/rollouts", spec);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonSerializer.Deserialize<Rollout>(text, RolloutStore.Json)!;
    }

    /// <summary>One interval of labelled traffic on every device, then the analysis it brings.</summary>
    private static async Task<Rollout> AnalyseAsync(RolloutFleet fleet, Rollout rollout, double canaryAccuracy)
    {
        foreach (var device in fleet.Devices)
        {
            var canary = rollout.CanaryDevices.Contains(device);
            await fleet.RecordAsync(device, canary ? 2 : 1, count: 60, accuracy: canary ? canaryAccuracy : 0.9);
        }

        fleet.Clock.Advance(TimeSpan.FromSeconds(10));
        return await fleet.Engine.TickAsync(rollout.Id, CancellationToken.None);
    }

    /// <summary>
    /// Runs <paramref name="action"/> while moving the fake clock on in 200 ms steps: the notifier's backoff
    /// between attempts waits on the clock the registry was given, as everything else in it does.
    /// </summary>
    private static async Task<T> WithClockRunningAsync<T>(RolloutFleet fleet, Func<Task<T>> action)
    {
        var task = action();
        for (var step = 0; !task.IsCompleted; step++)
        {
            Assert.True(step < 3000, "the call did not finish within a minute of real time");
            await Task.WhenAny(task, Task.Delay(20));
            if (!task.IsCompleted)
            {
                fleet.Clock.Advance(TimeSpan.FromMilliseconds(200));
            }
        }

        return await task;
    }
}
