using HybridInference.EdgeInference.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Registry;
using Polly.Retry;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>The fleet agent's retry pipelines: backoff from the options, on the injected clock, retrying what they should.</summary>
public sealed class FleetPipelinesTests
{
    private static ServiceProvider Pipelines(FakeTimeProvider clock, int minSeconds = 1, int maxSeconds = 4)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(Options.Create(new FleetAgentOptions { ReconnectMinSeconds = minSeconds, ReconnectMaxSeconds = maxSeconds }));
        services.AddFleetPipelines();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Backoff_IsExponentialWithJitter_BetweenTheOptionsBounds_WithoutLimit()
    {
        var retry = FleetPipelines.Backoff<RetryStrategyOptions, object>(new FleetAgentOptions { ReconnectMinSeconds = 2, ReconnectMaxSeconds = 45 }, new RetryStrategyOptions());

        Assert.Equal((DelayBackoffType.Exponential, true), (retry.BackoffType, retry.UseJitter));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(45)), (retry.Delay, retry.MaxDelay));
        Assert.Equal(int.MaxValue, retry.MaxRetryAttempts);
    }

    [Fact]
    public async Task Reconnect_RetriesFailures_OnTheInjectedClock_NeverWaitingLongerThanTheMaximum()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Pipelines(clock, minSeconds: 1, maxSeconds: 1);
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.Reconnect);
        var attempts = 0;

        var run = pipeline.ExecuteAsync(_ => ++attempts < 4 ? throw new InvalidOperationException("registry away") : ValueTask.FromResult(attempts)).AsTask();
        for (var i = 0; i < 50 && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.True(run.IsCompleted, $"still retrying after {attempts} attempts");
        Assert.Equal(4, await run);
    }

    [Fact]
    public async Task Reconnect_StopsOnTheNodesOwnStopping()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Pipelines(clock);
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(FleetPipelines.Reconnect);
        using var stopping = new CancellationTokenSource();
        var attempts = 0;

        var run = pipeline.ExecuteAsync(token =>
        {
            attempts++;
            stopping.Cancel();
            token.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }, stopping.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task DesiredState_RetriesTransientOutcomesOnly()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Pipelines(clock, minSeconds: 1, maxSeconds: 1);
        var pipeline = provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline<ApplyOutcome>(FleetPipelines.DesiredState);
        var attempts = 0;

        var permanent = await pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            return ValueTask.FromResult(new ApplyOutcome(ApplyOutcome.Failed, "wrong model"));
        });
        var transient = 0;
        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++transient < 3
            ? new ApplyOutcome(ApplyOutcome.Failed, "artifact not there", Transient: true)
            : new ApplyOutcome(ApplyOutcome.Applied, "serving"))).AsTask();
        for (var i = 0; i < 50 && !run.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        Assert.Equal((1, ApplyOutcome.Failed), (attempts, permanent.Status));
        Assert.Equal(ApplyOutcome.Applied, (await run).Status);
        Assert.Equal(3, transient);
    }
}
