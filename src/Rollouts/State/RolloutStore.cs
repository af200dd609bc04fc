using System.Text.Json;
using HybridInference.Contracts.Rollouts;
using HybridInference.Storage;
using StackExchange.Redis;

namespace HybridInference.Rollouts.State;

/// <summary>
/// Rollouts in the store: one JSON document per rollout (<c>{prefix}:rollouts:{id}</c>), an index by start
/// time, and per model a lock key naming the active rollout, taken with SET NX so that two rollouts of one
/// model cannot start even on two replicas at once. A short lease per rollout lets one replica drive it.
/// </summary>
public sealed class RolloutStore(StoreConnection store)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RedisKey IndexKey => store.Key("rollouts", "index");

    private RedisKey DocumentKey(string id) => store.Key("rollouts", "doc", id);

    private RedisKey ActiveKey(string model) => store.Key("rollouts", "active", model);

    private RedisKey LeaseKey(string id) => store.Key("rollouts", "lease", id);

    /// <summary>Stores a new rollout unless its model already has an active one; returns the active one's id then.</summary>
    public async Task<string?> TryCreateAsync(Rollout rollout)
    {
        var db = store.Database;
        if (!await db.StringSetAsync(ActiveKey(rollout.Model), rollout.Id, when: When.NotExists))
        {
            return (string?)await db.StringGetAsync(ActiveKey(rollout.Model)) ?? "(finished meanwhile)";
        }

        await SaveAsync(rollout);
        await db.SortedSetAddAsync(IndexKey, rollout.Id, rollout.StartedAt.ToUnixTimeMilliseconds());
        return null;
    }

    public async Task SaveAsync(Rollout rollout)
    {
        var db = store.Database;
        await db.StringSetAsync(DocumentKey(rollout.Id), JsonSerializer.Serialize(rollout, Json));
        if (rollout.IsFinished)
        {
            // Frees the model for its next rollout; only if this rollout still holds it.
            var active = await db.StringGetAsync(ActiveKey(rollout.Model));
            if (active == rollout.Id)
            {
                await db.KeyDeleteAsync(ActiveKey(rollout.Model));
            }
        }
    }

    public async Task<Rollout?> GetAsync(string id)
    {
        var value = await store.Database.StringGetAsync(DocumentKey(id));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<Rollout>(value.ToString(), Json);
    }

    /// <summary>The newest <paramref name="count"/> rollouts, newest first.</summary>
    public async Task<IReadOnlyList<Rollout>> ListAsync(int count)
    {
        var ids = await store.Database.SortedSetRangeByRankAsync(IndexKey, 0, count - 1, Order.Descending);
        var rollouts = new List<Rollout>(ids.Length);
        foreach (var id in ids)
        {
            if (await GetAsync(id.ToString()) is { } rollout)
            {
                rollouts.Add(rollout);
            }
        }

        return rollouts;
    }

    /// <summary>Ids of the rollouts not finished yet, from the per-model lock keys' index.</summary>
    public async Task<IReadOnlyList<Rollout>> ActiveAsync()
    {
        var recent = await ListAsync(200);
        return recent.Where(r => !r.IsFinished).ToList();
    }

    /// <summary>Takes or renews this replica's lease on a rollout; false when another replica holds it.</summary>
    public async Task<bool> TryLeaseAsync(string id, string owner, TimeSpan duration)
    {
        var db = store.Database;
        if (await db.StringSetAsync(LeaseKey(id), owner, duration, When.NotExists))
        {
            return true;
        }

        if (await db.StringGetAsync(LeaseKey(id)) == owner)
        {
            await db.KeyExpireAsync(LeaseKey(id), duration);
            return true;
        }

        return false;
    }
}
