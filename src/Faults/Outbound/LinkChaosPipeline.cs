using System.Net;
using System.Net.Sockets;
using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;

namespace HybridInference.Faults.Outbound;

/// <summary>
/// The Polly chaos strategies (Simmy) every outbound call of a service goes through. The pipeline is built
/// once; what it injects is decided per call by its generators from the <see cref="LinkFaults"/> the
/// handler puts in the call's <see cref="ResilienceContext"/>, so faults switch on and off without
/// rebuilding anything. Order: a cut link first (nothing else matters when the link is gone), then
/// latency, then the error the call ends with.
/// </summary>
public sealed class LinkChaosPipeline
{
    /// <summary>The key under which the call's faults travel in its resilience context.</summary>
    public static readonly ResiliencePropertyKey<LinkFaults> FaultsKey = new("hi.faults.link");

    public LinkChaosPipeline(IFaultRandom random, FaultMetrics metrics, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = "faults", TimeProvider = time };
        Func<double> randomizer = random.NextDouble;

        builder.AddChaosFault(new ChaosFaultStrategyOptions
        {
            Name = "fault-partition-fail-fast",
            Randomizer = randomizer,
            EnabledGenerator = args => ValueTask.FromResult(Faults(args.Context).Partition?.Mode == PartitionMode.FailFast),
            InjectionRateGenerator = args => ValueTask.FromResult(Faults(args.Context).Partition?.Rate ?? 0),
            FaultGenerator = args => ValueTask.FromResult<Exception?>(Refused(Faults(args.Context))),
            OnFaultInjected = args => Injected(metrics, Faults(args.Context).Partition, "refused"),
        });

        builder.AddChaosLatency(new ChaosLatencyStrategyOptions
        {
            Name = "fault-partition-hang",
            Randomizer = randomizer,
            EnabledGenerator = args => ValueTask.FromResult(Faults(args.Context).Partition?.Mode == PartitionMode.Hang),
            InjectionRateGenerator = args => ValueTask.FromResult(Faults(args.Context).Partition?.Rate ?? 0),
            // Hang until the partition ends; the caller's own timeout or cancellation ends it sooner.
            LatencyGenerator = args => ValueTask.FromResult(Faults(args.Context).Partition is { } cut ? Positive(cut.ExpiresAt - time.GetUtcNow()) : TimeSpan.Zero),
            OnLatencyInjected = args => Injected(metrics, Faults(args.Context).Partition, "hang"),
        });

        builder.AddChaosLatency(new ChaosLatencyStrategyOptions
        {
            Name = "fault-latency",
            Randomizer = randomizer,
            EnabledGenerator = args => ValueTask.FromResult(Faults(args.Context).Latency is not null),
            InjectionRateGenerator = args => ValueTask.FromResult(Faults(args.Context).Latency?.Rate ?? 0),
            LatencyGenerator = args => ValueTask.FromResult(Faults(args.Context).Latency is { } slow ? Latency(slow, random) : TimeSpan.Zero),
            OnLatencyInjected = args => Injected(metrics, Faults(args.Context).Latency, $"{args.Latency.TotalMilliseconds:0} ms"),
        });

        builder.AddChaosOutcome(new ChaosOutcomeStrategyOptions<HttpResponseMessage>
        {
            Name = "fault-error",
            Randomizer = randomizer,
            EnabledGenerator = args => ValueTask.FromResult(Faults(args.Context).Error is not null),
            InjectionRateGenerator = args => ValueTask.FromResult(Faults(args.Context).Error?.Rate ?? 0),
            OutcomeGenerator = args => ValueTask.FromResult<Outcome<HttpResponseMessage>?>(Faults(args.Context).Error is { } error ? Error(error, args.Context) : null),
            OnOutcomeInjected = args => Injected(metrics, Faults(args.Context).Error, args.Outcome.Result is { } response ? $"status {(int)response.StatusCode}" : args.Outcome.Exception?.GetType().Name),
        });

        Pipeline = builder.Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>A fault's latency: its fixed part plus a uniform share of its jitter.</summary>
    internal static TimeSpan Latency(Fault fault, IFaultRandom random) =>
        TimeSpan.FromMilliseconds((fault.LatencyMs ?? 0) + ((fault.JitterMs ?? 0) * random.NextDouble()));

    private static LinkFaults Faults(ResilienceContext context) =>
        context.Properties.TryGetValue(FaultsKey, out var faults) ? faults : LinkFaults.None;

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private static HttpRequestException Refused(LinkFaults faults) =>
        new($"Connection refused by injected fault {faults.Partition?.Id} (link to {faults.Destination} cut)",
            new SocketException((int)SocketError.ConnectionRefused));

    private static Outcome<HttpResponseMessage> Error(Fault fault, ResilienceContext context)
    {
        if (fault.StatusCode is { } status)
        {
            var response = new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent($"{{\"error\":\"injected fault {fault.Id}: status {status}\"}}", System.Text.Encoding.UTF8, "application/json"),
                RequestMessage = context.Properties.TryGetValue(RequestKey, out var request) ? request : null,
            };
            response.Headers.Add("X-HI-Fault", fault.Id);
            return Outcome.FromResult(response);
        }

        return Outcome.FromException<HttpResponseMessage>(fault.Exception == LinkException.Timeout
            ? new TimeoutException($"Timed out by injected fault {fault.Id}")
            : new HttpRequestException($"Connection reset by injected fault {fault.Id}", new SocketException((int)SocketError.ConnectionReset)));
    }

    /// <summary>The request of the call, so an injected response looks like a real one to the caller.</summary>
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("hi.faults.request");

    private static ValueTask Injected(FaultMetrics metrics, Fault? fault, string? detail)
    {
        if (fault is not null)
        {
            metrics.Injected(fault, detail);
        }

        return default;
    }
}
