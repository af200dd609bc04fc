using System.Text.Json;
using HybridInference.Storage;
using StackExchange.Redis;

namespace HybridInference.PredictionLog;

/// <summary>
/// Prediction records in the store: a hash of JSON records by request id (<c>{prefix}:predictions:records</c>)
/// and a sorted set of request ids scored by time (<c>{prefix}:predictions:index</c>) for window queries.
/// Writes are idempotent by request id (HSETNX, ZADD NX), so replaying a batch after a crash or a timeout
/// never duplicates a record. Not a stream: Garnet, the development store, has no stream commands.
/// </summary>
public sealed class PredictionStore(StoreConnection store)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RedisKey RecordsKey => store.Key("predictions", "records");

    private RedisKey IndexKey => store.Key("predictions", "index");

    /// <summary>Writes records in one pipelined round; returns how many were new and how many reused an id with other content.</summary>
    public async Task<(int Written, int Conflicts)> WriteAsync(IReadOnlyList<PredictionRecord> records)
    {
        var db = store.Database;
        var serialized = records.Select(r => JsonSerializer.Serialize(r, Json)).ToArray();
        var setTasks = new Task<bool>[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            setTasks[i] = db.HashSetAsync(RecordsKey, records[i].RequestId, serialized[i], When.NotExists);
        }

        // One ZADD NX for the whole batch: a command per record doubled the store's work for nothing.
        var index = db.SortedSetAddAsync(
            IndexKey, records.Select(r => new SortedSetEntry(r.RequestId, r.Timestamp.ToUnixTimeMilliseconds())).ToArray(), SortedSetWhen.NotExists);
        await Task.WhenAll(setTasks);
        await index;

        var written = 0;
        var conflicts = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (setTasks[i].Result)
            {
                written++;
            }
            else if ((string?)await db.HashGetAsync(RecordsKey, records[i].RequestId) != serialized[i])
            {
                conflicts++;
            }
        }

        return (written, conflicts);
    }

    public async Task<PredictionRecord?> GetAsync(string requestId)
    {
        var value = await store.Database.HashGetAsync(RecordsKey, requestId);
        return value.HasValue ? JsonSerializer.Deserialize<PredictionRecord>(value.ToString(), Json) : null;
    }

    /// <summary>Records whose timestamp lies in [from, to], oldest first.</summary>
    public async Task<IReadOnlyList<PredictionRecord>> ReadWindowAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var db = store.Database;
        var ids = await db.SortedSetRangeByScoreAsync(IndexKey, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        List<PredictionRecord> records = new(ids.Length);
        foreach (var chunk in ids.Chunk(1000))
        {
            var values = await db.HashGetAsync(RecordsKey, chunk);
            records.AddRange(values.Where(v => v.HasValue).Select(v => JsonSerializer.Deserialize<PredictionRecord>(v.ToString(), Json)!));
        }

        return records;
    }

    public Task<long> CountAsync() => store.Database.SortedSetLengthAsync(IndexKey);

    /// <summary>Deletes records older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> TrimAsync(DateTimeOffset cutoff)
    {
        var db = store.Database;
        var old = await db.SortedSetRangeByScoreAsync(IndexKey, double.NegativeInfinity, cutoff.ToUnixTimeMilliseconds(), Exclude.Stop, take: 10_000);
        if (old.Length == 0)
        {
            return 0;
        }

        await Task.WhenAll(db.HashDeleteAsync(RecordsKey, old), db.SortedSetRemoveAsync(IndexKey, old));
        return old.Length;
    }
}
