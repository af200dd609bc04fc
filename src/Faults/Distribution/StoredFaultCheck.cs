using System.Collections.Concurrent;
using System.Text.Json;
using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HybridInference.Faults.Distribution;

/// <summary>
/// Re-validates the faults read back from the store, since the API is not the only thing that can write there: a
/// document that is not a fault, or not one the API would accept, is ignored; one that would last past
/// <see cref="StoredFaultLimits.MaxDuration"/> (from its start, or from when this process first saw it, so a
/// start or expiry written far ahead cannot renew it) is cut short; past <see cref="StoredFaultLimits.MaxActive"/>
/// only the oldest are kept. Each is logged once as a warning.
/// </summary>
public sealed partial class StoredFaultCheck(IOptions<StoredFaultLimits> limits, TimeProvider time, ILogger<StoredFaultCheck> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _warned = new(StringComparer.Ordinal);

    /// <summary>A check with the default limits and no log, for a store used outside a host.</summary>
    public static StoredFaultCheck Default(TimeProvider time) =>
        new(Options.Create(new StoredFaultLimits()), time, NullLogger<StoredFaultCheck>.Instance);

    /// <summary>The faults to apply from the store's documents (id, JSON), oldest first.</summary>
    public IReadOnlyList<Fault> Admit(IReadOnlyList<(string Id, string Json)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var now = time.GetUtcNow();
        var max = limits.Value.MaxDuration;
        List<Fault> admitted = [];
        foreach (var (id, json) in documents)
        {
            if (Read(id, json) is not { } fault)
            {
                continue;
            }

            if (fault.StartsAt > now + max)
            {
                WarnOnce(id, $"it starts at {fault.StartsAt:O}, more than {max.TotalSeconds} s ahead");
                continue;
            }

            var seen = _firstSeen.GetOrAdd(id, now);
            var latest = Min(fault.StartsAt + max, seen + max);
            if (fault.ExpiresAt > latest)
            {
                WarnCapped(id, fault.ExpiresAt, latest);
                fault = fault with { ExpiresAt = latest };
            }

            admitted.Add(fault);
        }

        // Forget what has gone from the store, so the memory is as bounded as the store's index.
        foreach (var id in _firstSeen.Keys.Except(documents.Select(d => d.Id), StringComparer.Ordinal))
        {
            _firstSeen.TryRemove(id, out _);
            _warned.TryRemove(id, out _);
        }

        var ordered = admitted.OrderBy(fault => fault.CreatedAt).ThenBy(fault => fault.Id, StringComparer.Ordinal).ToList();
        var most = limits.Value.MaxActive;
        if (ordered.Count > most)
        {
            LogTooMany(ordered.Count, most, string.Join(", ", ordered.Skip(most).Select(f => f.Id)));
            ordered = ordered[..most];
        }

        return ordered;
    }

    private Fault? Read(string id, string json)
    {
        Fault? fault;
        try
        {
            fault = JsonSerializer.Deserialize<Fault>(json, FaultJson.Options);
        }
        catch (JsonException ex)
        {
            WarnOnce(id, $"it is not a fault document: {ex.Message}");
            return null;
        }

        if (fault is null || fault.Id != id)
        {
            WarnOnce(id, fault is null ? "it is null" : $"its id is '{fault.Id}'");
            return null;
        }

        // The shape the API would have accepted; the timing is judged above, against the limits and the clock.
        var shape = new FaultRequest
        {
            Id = fault.Id,
            Kind = Enum.IsDefined(fault.Kind) ? fault.Kind.ToName() : null,
            Service = fault.Service,
            Destination = fault.Destination,
            Endpoint = fault.Endpoint,
            LatencyMs = fault.LatencyMs,
            JitterMs = fault.JitterMs,
            StatusCode = fault.StatusCode,
            Exception = fault.Exception switch { LinkException.ConnectionFailed => "connection-failed", LinkException.Timeout => "timeout", _ => null },
            Rate = fault.Rate,
            Mode = fault.Mode switch { PartitionMode.FailFast => "fail-fast", PartitionMode.Hang => "hang", _ => null },
            Device = fault.Device,
            Noise = fault.Noise,
            DurationSeconds = FaultLimits.MinDuration.TotalSeconds,
        };
        if (!FaultValidator.TryCreate(shape, fault.StartsAt, () => id, out _, out var errors))
        {
            WarnOnce(id, string.Join("; ", errors.SelectMany(pair => pair.Value)));
            return null;
        }

        return fault.ExpiresAt > fault.StartsAt ? fault : null;
    }

    private void WarnOnce(string id, string reason)
    {
        if (_warned.TryAdd(id, true))
        {
            LogIgnored(id, reason);
        }
    }

    private void WarnCapped(string id, DateTimeOffset expiresAt, DateTimeOffset latest)
    {
        if (_warned.TryAdd(id, true))
        {
            LogCapped(id, expiresAt, latest, limits.Value.MaxDurationSeconds);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [LoggerMessage(EventId = 810, Level = LogLevel.Warning, Message = "Fault {Id} in the store is ignored: {Reason}")]
    private partial void LogIgnored(string id, string reason);

    [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "Fault {Id} in the store expires at {ExpiresAt:O}, past the limit of {MaxSeconds} s: it ends at {Latest:O} instead")]
    private partial void LogCapped(string id, DateTimeOffset expiresAt, DateTimeOffset latest, int maxSeconds);

    [LoggerMessage(EventId = 812, Level = LogLevel.Warning, Message = "{Count} faults in the store, more than the {Max} allowed (Faults:Limits:MaxActive): ignoring the newest, {Ignored}")]
    private partial void LogTooMany(int count, int max, string ignored);
}
