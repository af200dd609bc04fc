using System.Net;
using HybridInference.Rollouts.Control;
using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;

namespace HybridInference.Rollouts.Tests.Webhooks;

/// <summary>The webhook pipeline on a fake clock: which outcomes get another attempt, how many, and that every wait is the clock's.</summary>
public class WebhookPipelineTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private int _attempts;

    [Fact]
    public async Task ServerErrors_AreTriedTheConfiguredTimes_ThenTheLastAnswerIsReturned()
    {
        var pipeline = Pipeline(new RolloutOptions());

        using var response = await RunAsync(pipeline, _ => Answer(HttpStatusCode.ServiceUnavailable));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, _attempts);
    }

    [Fact]
    public async Task AClientError_IsTheReceiversAnswer_AndFinal()
    {
        var pipeline = Pipeline(new RolloutOptions());

        using var response = await RunAsync(pipeline, _ => Answer(HttpStatusCode.Conflict));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task TransportErrors_AreRetried_ThenTheLastOneIsThrown()
    {
        var pipeline = Pipeline(new RolloutOptions { WebhookAttempts = 4 });

        await Assert.ThrowsAsync<HttpRequestException>(() => RunAsync(pipeline, _ => throw new HttpRequestException("connection refused")));

        Assert.Equal(4, _attempts);
    }

    [Fact]
    public async Task TheBackoff_WaitsOnTheClock()
    {
        var pipeline = Pipeline(new RolloutOptions());

        var call = pipeline.ExecuteAsync(_ => Counted(() => _attempts == 1 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK), CancellationToken.None).AsTask();

        // The first attempt ran at once; the second waits for the clock, however long real time takes.
        Assert.Equal(1, _attempts);
        Assert.False(call.IsCompleted);
        _clock.Advance(TimeSpan.FromMinutes(1));
        using var response = await call.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((HttpStatusCode.OK, 2), (response.StatusCode, _attempts));
    }

    [Fact]
    public async Task NoRetryDelay_RetriesAtOnce()
    {
        var pipeline = Pipeline(new RolloutOptions { WebhookRetryDelayMilliseconds = 0 });

        using var response = await pipeline.ExecuteAsync(_ => Counted(() => HttpStatusCode.BadGateway), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((HttpStatusCode.BadGateway, 3), (response.StatusCode, _attempts));
    }

    [Fact]
    public async Task OneAttempt_IsNeverRetried()
    {
        var pipeline = Pipeline(new RolloutOptions { WebhookAttempts = 1 });

        using var response = await RunAsync(pipeline, _ => Answer(HttpStatusCode.InternalServerError));

        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task AnAttemptThatHangs_TimesOutOnTheClock_AndIsRetried()
    {
        var pipeline = Pipeline(new RolloutOptions { WebhookTimeoutSeconds = 5 });

        using var response = await RunAsync(pipeline, async token =>
        {
            if (_attempts == 1)
            {
                await Task.Delay(Timeout.Infinite, token);
            }

            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        Assert.Equal((HttpStatusCode.OK, 2), (response.StatusCode, _attempts));
    }

    [Fact]
    public async Task AnAttemptThatNeverAnswers_EndsAsATimeout_AfterEveryAttempt()
    {
        var pipeline = Pipeline(new RolloutOptions { WebhookAttempts = 2 });

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => RunAsync(pipeline, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }));

        Assert.Equal(2, _attempts);
    }

    [Fact]
    public async Task TheCallersCancellation_IsNotRetried()
    {
        var pipeline = Pipeline(new RolloutOptions());
        using var cancel = new CancellationTokenSource();

        var call = pipeline.ExecuteAsync(
            async token =>
            {
                _attempts++;
                await cancel.CancelAsync();
                token.ThrowIfCancellationRequested();
                return new HttpResponseMessage(HttpStatusCode.OK);
            },
            cancel.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, _attempts);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(499, false)]
    [InlineData(429, false)]
    [InlineData(200, false)]
    public void IsTransient_OnlyA5xxAnswer_IsWorthAnotherAttempt(int status, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(expected, WebhookPipeline.IsTransient(Outcome.FromResult(response), CancellationToken.None));
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline(RolloutOptions options) =>
        WebhookPipeline.Configure(new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _clock }, options).Build();

    private static ValueTask<HttpResponseMessage> Answer(HttpStatusCode status) => ValueTask.FromResult(new HttpResponseMessage(status));

    private ValueTask<HttpResponseMessage> Counted(Func<HttpStatusCode> status)
    {
        _attempts++;
        return Answer(status());
    }

    /// <summary>Runs the call while moving the fake clock on a second at a time, so backoffs and timeouts pass without real waiting.</summary>
    private async Task<HttpResponseMessage> RunAsync(ResiliencePipeline<HttpResponseMessage> pipeline, Func<CancellationToken, ValueTask<HttpResponseMessage>> attempt)
    {
        var call = pipeline.ExecuteAsync(
            token =>
            {
                _attempts++;
                return attempt(token);
            },
            CancellationToken.None).AsTask();
        for (var step = 0; !call.IsCompleted; step++)
        {
            Assert.True(step < 600, "the call did not finish within ten minutes of the fake clock");
            await Task.WhenAny(call, Task.Delay(10));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        return await call;
    }
}
