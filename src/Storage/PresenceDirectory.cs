using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Storage;

/// <summary>
/// The store's list of running processes: one JSON value per instance with a TTL, plus a sorted-set
/// index scored by last-seen time, so listing needs no SCAN and silent instances age out by themselves.
/// Keys: <c>{prefix}:presence</c> (index) and <c>{prefix}:presence:{service}@{instance}</c>.
/// </summary>
public sealed class PresenceDirectory(StoreConnection store, IOptions<PresenceOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RedisKey IndexKey => store.Key("presence");

    private RedisKey RecordKey(string member) => store.Key("presence", member);

    private static string Member(PresenceRecord record) => $"{record.Service}@{record.Instance}";

    public async Task WriteAsync(PresenceRecord record)
    {
        var member = Member(record);
        var ttl = TimeSpan.FromSeconds(options.Value.TimeToLiveSeconds);
        var db = store.Database;
        var batch = db.CreateTransaction();
        _ = batch.StringSetAsync(RecordKey(member), JsonSerializer.Serialize(record, Json), ttl);
        _ = batch.SortedSetAddAsync(IndexKey, member, record.LastSeen.ToUnixTimeMilliseconds());
        await batch.ExecuteAsync();
    }

    public async Task RemoveAsync(PresenceRecord record)
    {
        var member = Member(record);
        var batch = store.Database.CreateTransaction();
        _ = batch.KeyDeleteAsync(RecordKey(member));
        _ = batch.SortedSetRemoveAsync(IndexKey, member);
        await batch.ExecuteAsync();
    }

    /// <summary>Every instance seen within its time to live, ordered by service then instance.</summary>
    public async Task<IReadOnlyList<PresenceRecord>> ListAsync()
    {
        var db = store.Database;
        var cutoff = time.GetUtcNow() - TimeSpan.FromSeconds(options.Value.TimeToLiveSeconds);
        await db.SortedSetRemoveRangeByScoreAsync(IndexKey, double.NegativeInfinity, cutoff.ToUnixTimeMilliseconds(), Exclude.Stop);
        var members = await db.SortedSetRangeByScoreAsync(IndexKey, cutoff.ToUnixTimeMilliseconds(), double.PositiveInfinity);
        if (members.Length == 0)
        {
            return [];
        }

        var values = await db.StringGetAsync(members.Select(m => RecordKey(m.ToString())).ToArray());
        return values
            .Where(v => v.HasValue)
            .Select(v => JsonSerializer.Deserialize<PresenceRecord>(v.ToString(), Json)!)
            .OrderBy(r => r.Service, StringComparer.Ordinal)
            .ThenBy(r => r.Instance, StringComparer.Ordinal)
            .ToList();
    }
}
