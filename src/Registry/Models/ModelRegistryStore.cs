using System.Globalization;
using System.Text.Json;
using HybridInference.Storage;
using StackExchange.Redis;

namespace HybridInference.Registry.Models;

/// <summary>
/// Registry metadata in the store, so any number of registry replicas serve the same registry.
/// Keys under <c>{prefix}:registry</c>: <c>models</c> (set of names); per model <c>model:{m}:next</c>
/// (version counter), <c>model:{m}:versions</c> (sorted set), <c>model:{m}:version:{v}</c> (JSON),
/// <c>model:{m}:digest:{hex}</c> (version holding that content), <c>model:{m}:aliases</c> (hash alias to
/// version) and <c>model:{m}:audit</c> (list of JSON entries, newest first). The audit trail is a list,
/// not a stream, because Garnet (the development store) has no stream commands.
/// </summary>
public sealed class ModelRegistryStore(StoreConnection store, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Db => store.Database;

    private RedisKey ModelsKey => store.Key("registry", "models");

    private RedisKey Key(string model, params string[] parts) => store.Key(["registry", "model", model, .. parts]);

    public async Task<IReadOnlyList<string>> ListModelsAsync()
    {
        var names = await Db.SetMembersAsync(ModelsKey);
        return names.Select(n => n.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string model)
    {
        var versions = await Db.SortedSetRangeByScoreAsync(Key(model, "versions"));
        if (versions.Length == 0)
        {
            return [];
        }

        var values = await Db.StringGetAsync(versions.Select(v => Key(model, "version", v.ToString())).ToArray());
        return values.Where(v => v.HasValue).Select(v => Deserialize(v)).ToList();
    }

    public async Task<ModelVersion?> GetVersionAsync(string model, int version)
    {
        var value = await Db.StringGetAsync(Key(model, "version", version.ToString(CultureInfo.InvariantCulture)));
        return value.HasValue ? Deserialize(value) : null;
    }

    public async Task<ModelVersion?> FindByDigestAsync(string model, string digestHex)
    {
        var version = await Db.StringGetAsync(Key(model, "digest", digestHex));
        return version.HasValue ? await GetVersionAsync(model, (int)version) : null;
    }

    public async Task<ModelVersion?> LatestAsync(string model)
    {
        var last = await Db.SortedSetRangeByRankAsync(Key(model, "versions"), -1, -1);
        return last.Length == 0 ? null : await GetVersionAsync(model, (int)last[0]);
    }

    /// <summary>
    /// Assigns the next version number and stores the record, unless the same content was registered
    /// meanwhile (then that version is returned and <c>Created</c> is false): idempotent under races.
    /// </summary>
    public async Task<(ModelVersion Version, bool Created)> AddAsync(string model, Func<int, ModelVersion> create, string digestHex, string actor)
    {
        // A lost race burns a number: versions stay unique and increasing, possibly with a gap.
        var number = (int)await Db.StringIncrementAsync(Key(model, "next"));
        var record = create(number);
        var digestKey = Key(record.Name, "digest", digestHex);

        var tx = Db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists(digestKey));
        _ = tx.StringSetAsync(Key(record.Name, "version", number.ToString(CultureInfo.InvariantCulture)), JsonSerializer.Serialize(record, Json));
        _ = tx.StringSetAsync(digestKey, number);
        _ = tx.SortedSetAddAsync(Key(record.Name, "versions"), number, number);
        _ = tx.SetAddAsync(ModelsKey, record.Name);
        _ = tx.ListLeftPushAsync(Key(record.Name, "audit"), Audit(record.Name, "registered", null, null, number, actor, $"digest {record.Digest}"));
        if (await tx.ExecuteAsync())
        {
            return (record, true);
        }

        var existing = await FindByDigestAsync(record.Name, digestHex)
            ?? throw new InvalidOperationException($"registration of {record.Name} lost a race but the winner is not readable");
        return (existing, false);
    }

    /// <summary>Replaces the stored record of <paramref name="signed"/>'s version with it (a new envelope), with an audit entry.</summary>
    public async Task SetEnvelopeAsync(ModelVersion signed, string actor, string reason)
    {
        var tx = Db.CreateTransaction();
        _ = tx.StringSetAsync(Key(signed.Name, "version", signed.Version.ToString(CultureInfo.InvariantCulture)), JsonSerializer.Serialize(signed, Json));
        _ = tx.ListLeftPushAsync(Key(signed.Name, "audit"), Audit(signed.Name, "signed", null, null, signed.Version, actor, reason));
        await tx.ExecuteAsync();
    }

    public async Task<IReadOnlyDictionary<string, int>> AliasesAsync(string model)
    {
        var entries = await Db.HashGetAllAsync(Key(model, "aliases"));
        return entries.ToDictionary(e => e.Name.ToString(), e => (int)e.Value, StringComparer.Ordinal);
    }

    public async Task<int?> ResolveAliasAsync(string model, string alias)
    {
        var value = await Db.HashGetAsync(Key(model, "aliases"), alias);
        return value.HasValue ? (int)value : null;
    }

    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="to"/> (or removes it when null) and appends the
    /// audit entry in the same transaction, only if the alias still points where the caller last saw it
    /// (<paramref name="expectedFrom"/>): two operators moving one alias cannot both win silently.
    /// </summary>
    public async Task<bool> MoveAliasAsync(string model, string alias, int? expectedFrom, int? to, string actor, string? reason)
    {
        var aliasesKey = Key(model, "aliases");
        var tx = Db.CreateTransaction();
        tx.AddCondition(expectedFrom is null ? Condition.HashNotExists(aliasesKey, alias) : Condition.HashEqual(aliasesKey, alias, expectedFrom.Value));
        _ = to is null ? tx.HashDeleteAsync(aliasesKey, alias) : tx.HashSetAsync(aliasesKey, alias, to.Value);
        _ = tx.ListLeftPushAsync(Key(model, "audit"), Audit(model, to is null ? "alias-removed" : "alias-moved", alias, expectedFrom, to, actor, reason));
        return await tx.ExecuteAsync();
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string model, int count)
    {
        var entries = await Db.ListRangeAsync(Key(model, "audit"), 0, count - 1);
        return entries.Select(e => JsonSerializer.Deserialize<AuditEntry>(e.ToString(), Json)!).ToList();
    }

    private string Audit(string model, string action, string? alias, int? from, int? to, string actor, string? reason)
    {
        var at = time.GetUtcNow();
        var id = $"{at.ToUnixTimeMilliseconds()}-{Guid.NewGuid().ToString("N")[..8]}";
        return JsonSerializer.Serialize(new AuditEntry(id, model, action, alias, from, to, actor, reason, at), Json);
    }

    private static ModelVersion Deserialize(RedisValue value) => JsonSerializer.Deserialize<ModelVersion>(value.ToString(), Json)!;

}
