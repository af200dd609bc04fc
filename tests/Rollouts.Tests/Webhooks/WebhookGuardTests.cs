using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.Tests.Control;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Rollouts.Tests.Webhooks;

/// <summary>
/// The notifier as the registry wires it (<see cref="WebhookServiceCollectionExtensions.AddWebhooks"/>: its own
/// transport, its limits) calling real loopback listeners: what is refused never reaches a socket, a redirect is
/// a failed call and is not followed, an answer over the limit is a failed call.
/// </summary>
public sealed class WebhookGuardTests
{
    private const string LoopbackAllowed = "127.0.0.1/32";

    [Fact]
    public async Task NotifyAsync_ToLoopbackNotAllowListed_IsFalse_AndTheReceiverSeesNoConnection()
    {
        await using var receiver = RawHttpReceiver.Ok("{}");
        using var services = Services();

        var ok = await Notifier(services).NotifyAsync(TestRollouts.WithHooks(new("step", WebhookTypes.Step, receiver.Url)), WebhookTypes.Step, "step", CancellationToken.None);

        Assert.False(ok);
        Assert.Equal(0, receiver.Connections);
    }

    [Fact]
    public async Task AskGatesAsync_ToLoopbackNotAllowListed_HoldsTheStep_NamingTheRefusal()
    {
        await using var receiver = RawHttpReceiver.Ok("{}");
        using var services = Services();

        var decision = await Notifier(services).AskGatesAsync(TestRollouts.WithHooks(new("gate", WebhookTypes.Gate, receiver.Url)), 50, CancellationToken.None);

        Assert.Equal(GateAction.Hold, decision.Action);
        Assert.StartsWith("gate 'gate' is refused: 127.0.0.1 is loopback", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Connections);
    }

    [Fact]
    public async Task NotifyAsync_ToLoopbackAllowListed_ReachesTheReceiver()
    {
        await using var receiver = RawHttpReceiver.Ok("{}");
        using var services = Services(networks: [LoopbackAllowed]);

        var ok = await Notifier(services).NotifyAsync(TestRollouts.WithHooks(new("step", WebhookTypes.Step, receiver.Url)), WebhookTypes.Step, "step", CancellationToken.None);

        Assert.True(ok);
        Assert.Equal(1, receiver.Connections);
    }

    [Fact]
    public async Task AskGatesAsync_ARedirectToAnotherReceiver_IsAFailedCall_AndIsNotFollowed()
    {
        await using var target = RawHttpReceiver.Ok("{}");
        await using var redirecting = new RawHttpReceiver($"HTTP/1.1 302 Found\nLocation: {target.Url}\nContent-Length: 0\nConnection: close");
        using var services = Services(networks: [LoopbackAllowed]);

        var decision = await Notifier(services).AskGatesAsync(TestRollouts.WithHooks(new("gate", WebhookTypes.Gate, redirecting.Url)), 50, CancellationToken.None);
        var ok = await Notifier(services).NotifyAsync(TestRollouts.WithHooks(new("step", WebhookTypes.Step, redirecting.Url)), WebhookTypes.Step, "step", CancellationToken.None);

        Assert.Equal(new GateDecision(GateAction.Hold, "gate 'gate' answered 302"), decision);
        Assert.False(ok);
        Assert.Equal(2, redirecting.Connections);
        Assert.Equal(0, target.Connections);
    }

    [Fact]
    public async Task AskGatesAsync_AnAnswerDeclaredOverTheLimit_IsAFailedCall_NotRetried()
    {
        var body = "{\"abort\": false, \"pad\": \"" + new string('x', 200) + "\"}";
        await using var receiver = RawHttpReceiver.Ok(body);
        using var services = Services(networks: [LoopbackAllowed], maxResponseBytes: 100);

        var decision = await Notifier(services).AskGatesAsync(TestRollouts.WithHooks(new("gate", WebhookTypes.Gate, receiver.Url)), 50, CancellationToken.None);

        Assert.Equal(GateAction.Hold, decision.Action);
        Assert.StartsWith("gate 'gate' answered more than the limit of 100 bytes", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(1, receiver.Connections);
    }

    [Fact]
    public async Task NotifyAsync_AnAnswerStreamedPastTheLimitWithoutALength_IsAFailedCall()
    {
        await using var receiver = new RawHttpReceiver("HTTP/1.1 200 OK\nContent-Type: application/json\nConnection: close", new byte[10_000]);
        using var services = Services(networks: [LoopbackAllowed], maxResponseBytes: 1000);

        var ok = await Notifier(services).NotifyAsync(TestRollouts.WithHooks(new("step", WebhookTypes.Step, receiver.Url)), WebhookTypes.Step, "step", CancellationToken.None);

        Assert.False(ok);
        Assert.Equal(1, receiver.Connections);
    }

    [Fact]
    public async Task AskGatesAsync_AnAbortWithinTheLimit_IsRead()
    {
        await using var receiver = RawHttpReceiver.Ok("""{"abort": true}""");
        using var services = Services(networks: [LoopbackAllowed], maxResponseBytes: 15);

        var decision = await Notifier(services).AskGatesAsync(TestRollouts.WithHooks(new("gate", WebhookTypes.Gate, receiver.Url)), 50, CancellationToken.None);

        Assert.Equal(new GateDecision(GateAction.Abort, "gate 'gate' asked to abort"), decision);
    }

    [Fact]
    public async Task NotifyAsync_ASingleLabelNameInTheStoredSpec_IsRefusedBeforeAnyLookup()
    {
        using var services = Services(networks: [LoopbackAllowed]);

        var decision = await Notifier(services).AskGatesAsync(TestRollouts.WithHooks(new("gate", WebhookTypes.Gate, "http://registry/hook")), 50, CancellationToken.None);

        Assert.Equal(GateAction.Hold, decision.Action);
        Assert.Contains("'registry' is a single-label name", decision.Reason, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string[]? networks = null, int? maxResponseBytes = null)
    {
        var settings = new Dictionary<string, string?> { ["Rollouts:WebhookAttempts"] = "3", ["Rollouts:WebhookRetryDelayMilliseconds"] = "0" };
        for (var i = 0; i < (networks ?? []).Length; i++)
        {
            settings[$"Rollouts:Webhooks:AllowedNetworks:{i}"] = networks![i];
        }

        if (maxResponseBytes is { } max)
        {
            settings["Rollouts:Webhooks:MaxResponseBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RolloutOptions>().BindConfiguration(RolloutOptions.Section);
        services.AddWebhooks();
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static IRolloutWebhooks Notifier(ServiceProvider services) => services.GetRequiredService<IRolloutWebhooks>();
}
