using System.Text.Json;
using HybridInference.ModelPipeline.State;
using HybridInference.PredictionLog;
using StackExchange.Redis;

namespace HybridInference.ModelPipeline.Triggers;

/// <summary>
/// The trigger's state and the labelled data it counts, in the services' store. A run is claimed by a
/// compare-and-set on the state: of two watchers (or one restarted in between) only one starts it.
/// </summary>
public sealed class TriggerStore(RunStore runs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The state, created as "watching since <paramref name="now"/>" on first sight: old traffic does not trigger at once.</summary>
    public Task<TriggerState> GetOrCreateAsync(string model, DateTimeOffset now) => runs.OnStoreAsync(async db =>
    {
        var fresh = JsonSerializer.Serialize(new TriggerState(now), Json);
        await db.StringSetAsync(Key(model), fresh, RunStore.Retention, When.NotExists);
        return JsonSerializer.Deserialize<TriggerState>((string)(await db.StringGetAsync(Key(model)))!, Json)!;
    });

    /// <summary>Replaces <paramref name="seen"/> with <paramref name="next"/> only if the store still holds <paramref name="seen"/>.</summary>
    public Task<bool> TryClaimAsync(string model, TriggerState seen, TriggerState next) => runs.OnStoreAsync(async db =>
    {
        // A WATCH transaction, not SET with a value condition: that needs Redis 8.4, and CI runs Debian's 7.0 and Garnet.
#pragma warning disable SER301
        var transaction = db.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(Key(model), JsonSerializer.Serialize(seen, Json)));
        _ = transaction.StringSetAsync(Key(model), JsonSerializer.Serialize(next, Json), RunStore.Retention);
#pragma warning restore SER301
        return await transaction.ExecuteAsync();
    });

    /// <summary>
    /// Labelled requests the cloud was asked about (escalated, audited, priority) in (<paramref name="from"/>,
    /// <paramref name="to"/>]: the router's prediction log (keys as <see cref="PredictionStore"/> writes them).
    /// </summary>
    public Task<long> CountLabelledEscalatedAsync(DateTimeOffset from, DateTimeOffset to) => runs.OnStoreAsync(async db =>
    {
        var ids = await db.SortedSetRangeByScoreAsync($"{runs.KeyPrefix}:predictions:index", from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), Exclude.Start);
        long count = 0;
        foreach (var chunk in ids.Chunk(1000))
        {
            foreach (var value in await db.HashGetAsync($"{runs.KeyPrefix}:predictions:records", chunk))
            {
                if (value.HasValue && JsonSerializer.Deserialize<PredictionRecord>(value.ToString(), Json) is { Label: not null, EscalationReason: not null })
                {
                    count++;
                }
            }
        }

        return count;
    });

    private string Key(string model) => $"{runs.KeyPrefix}:pipeline:trigger:{model}";
}
