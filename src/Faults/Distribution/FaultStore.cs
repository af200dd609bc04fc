using System.Text.Json;
using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Model;
using HybridInference.Storage;
using StackExchange.Redis;

namespace HybridInference.Faults.Distribution;

/// <summary>
/// Faults in the store: one string key per fault, <c>{prefix}:faults:{id}</c>, holding its JSON with a TTL
/// that ends at its expiry, and a set <c>{prefix}:faults</c> of their ids. Keys with TTLs rather than a
/// stream (Garnet has no streams) make every fault vanish by itself even if ChaosLab dies; the set is only
/// an index, pruned of ids whose key has gone. What is read back goes through <see cref="StoredFaultCheck"/>: the
/// store may hold faults the API never saw.
/// </summary>
public sealed class FaultStore(StoreConnection store, StoredFaultCheck? check = null)
{
    private readonly StoredFaultCheck _check = check ?? StoredFaultCheck.Default(TimeProvider.System);

    public RedisKey IndexKey => store.Key("faults");

    public RedisKey FaultKey(string id) => store.Key("faults", id);

    /// <summary>Writes a new fault; false when its id is taken by a fault that has not expired.</summary>
    public async Task<bool> TryAddAsync(Fault fault, DateTimeOffset now)
    {
        var ttl = fault.ExpiresAt - now;
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"fault {fault.Id} has already expired at {fault.ExpiresAt:O}", nameof(fault));
        }

        var db = store.Database;
        if (!await db.StringSetAsync(FaultKey(fault.Id), JsonSerializer.Serialize(fault, FaultJson.Options), ttl, When.NotExists))
        {
            return false;
        }

        await db.SetAddAsync(IndexKey, fault.Id);

        // The index lives as long as its longest fault, so nothing at all is left once they are all over.
        var indexTtl = await db.KeyTimeToLiveAsync(IndexKey);
        if (indexTtl is null || indexTtl < ttl)
        {
            await db.KeyExpireAsync(IndexKey, ttl);
        }

        return true;
    }

    /// <summary>
    /// Every fault in the store that has not expired and passes <see cref="StoredFaultCheck"/> (capped to its limits),
    /// oldest first; ids whose key expired are dropped from the index.
    /// </summary>
    public async Task<IReadOnlyList<Fault>> ReadAllAsync()
    {
        var db = store.Database;
        var ids = await db.SetMembersAsync(IndexKey);
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await db.StringGetAsync([.. ids.Select(id => FaultKey(id.ToString()))]);
        List<(string Id, string Json)> documents = [];
        List<RedisValue> gone = [];
        for (var i = 0; i < ids.Length; i++)
        {
            if (values[i].IsNull)
            {
                gone.Add(ids[i]);
            }
            else
            {
                documents.Add((ids[i].ToString(), values[i].ToString()));
            }
        }

        if (gone.Count > 0)
        {
            await db.SetRemoveAsync(IndexKey, [.. gone]);
        }

        return _check.Admit(documents);
    }

    /// <summary>Removes one fault; false when there was none by that id.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        var db = store.Database;
        var removed = await db.KeyDeleteAsync(FaultKey(id));
        await db.SetRemoveAsync(IndexKey, id);
        return removed;
    }

    /// <summary>Removes every fault; returns how many were active.</summary>
    public async Task<int> ClearAsync()
    {
        var db = store.Database;
        var ids = await db.SetMembersAsync(IndexKey);
        var removed = ids.Length == 0 ? 0 : await db.KeyDeleteAsync([.. ids.Select(id => FaultKey(id.ToString()))]);
        await db.KeyDeleteAsync(IndexKey);
        return (int)removed;
    }
}
