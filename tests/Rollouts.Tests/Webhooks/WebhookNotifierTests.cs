using System.Collections.Concurrent;
using System.Net;
using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.Spec;
using HybridInference.Rollouts.State;
using HybridInference.Rollouts.Tests.Control;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Rollouts.Tests.Webhooks;

/// <summary>
/// The notifier as the registry wires it (its pipeline, its client) over a stand-in transport on a fake clock:
/// what a caller sees after the attempts, and that every attempt carries the same signed body.
/// </summary>
public sealed class WebhookNotifierTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly Transport _transport = new();
    private readonly ServiceProvider _services;

    public WebhookNotifierTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddOptions<RolloutOptions>();
        services.AddOptions<WebhookOptions>();
        services.AddSingleton<WebhookDestinations>();
        services.AddWebhookPipeline();
        services.AddHttpClient(WebhookNotifier.ClientName).ConfigurePrimaryHttpMessageHandler(() => _transport);
        services.AddSingleton<WebhookNotifier>();
        _services = services.BuildServiceProvider();
    }

    [Fact]
    public async Task NotifyAsync_ServerErrorsThenOk_IsTrue_AfterThreeAttemptsWithTheSameSignedBody()
    {
        _transport.Answers.Enqueue(HttpStatusCode.InternalServerError);
        _transport.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);

        var ok = await RunAsync(() => Notifier.NotifyAsync(TestRollouts.WithHooks(new("step", WebhookTypes.Step, "http://hooks.test/step", "s3cret")), WebhookTypes.Step, "step to 50 %", CancellationToken.None));

        Assert.True(ok);
        Assert.Equal(3, _transport.Calls.Count);
        Assert.All(_transport.Calls, c => Assert.Equal(_transport.Calls.First().Body, c.Body));
        Assert.All(_transport.Calls, c => Assert.Equal(WebhookNotifier.Sign("s3cret", c.Body), c.Signature));
    }

    [Fact]
    public async Task NotifyAsync_ServerErrorsOnEveryAttempt_IsFalse_AfterTheConfiguredAttempts()
    {
        for (var i = 0; i < 5; i++)
        {
            _transport.Answers.Enqueue(HttpStatusCode.BadGateway);
        }

        var ok = await RunAsync(() => Notifier.NotifyAsync(TestRollouts.WithHooks(new("pre", WebhookTypes.PreRollout, "http://hooks.test/pre")), WebhookTypes.PreRollout, "starting", CancellationToken.None));

        Assert.False(ok);
        Assert.Equal(3, _transport.Calls.Count);
        Assert.All(_transport.Calls, c => Assert.Null(c.Signature));
    }

    [Fact]
    public async Task AskGatesAsync_AGateNeverReached_HoldsTheStep_AsUnreachable()
    {
        _transport.Refuse = true;

        var decision = await RunAsync(() => Notifier.AskGatesAsync(TestRollouts.WithHooks(new("gate", WebhookTypes.Gate, "http://hooks.test/gate")), 50, CancellationToken.None));

        Assert.Equal(new GateDecision(GateAction.Hold, "gate 'gate' is unreachable"), decision);
        Assert.Equal(3, _transport.Calls.Count);
    }

    [Fact]
    public async Task AskGatesAsync_AGateAnsweringAClientError_HoldsTheStep_AfterOneAttempt()
    {
        _transport.Answers.Enqueue(HttpStatusCode.Forbidden);

        var decision = await RunAsync(() => Notifier.AskGatesAsync(TestRollouts.WithHooks(new("gate", WebhookTypes.Gate, "http://hooks.test/gate")), 50, CancellationToken.None));

        Assert.Equal(new GateDecision(GateAction.Hold, "gate 'gate' answered 403"), decision);
        Assert.Single(_transport.Calls);
    }

    public void Dispose() => _services.Dispose();

    private WebhookNotifier Notifier => _services.GetRequiredService<WebhookNotifier>();

    /// <summary>Runs the call while moving the fake clock on 200 ms at a time, as the backoff waits on it.</summary>
    private async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        var task = call();
        for (var step = 0; !task.IsCompleted; step++)
        {
            Assert.True(step < 3000, "the call did not finish within ten minutes of the fake clock");
            await Task.WhenAny(task, Task.Delay(10));
            _clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        return await task;
    }

    /// <summary>The network in the receiver's place: answers queued statuses (then 200 "{}"), or refuses every connection.</summary>
    private sealed class Transport : HttpMessageHandler
    {
        public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

        public ConcurrentQueue<(byte[] Body, string? Signature)> Calls { get; } = new();

        public bool Refuse { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Calls.Enqueue((body, request.Headers.TryGetValues(WebhookNotifier.SignatureHeader, out var values) ? values.Single() : null));
            if (Refuse)
            {
                throw new HttpRequestException("connection refused");
            }

            var status = Answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
            return new HttpResponseMessage(status) { Content = new StringContent("{}") };
        }
    }
}
