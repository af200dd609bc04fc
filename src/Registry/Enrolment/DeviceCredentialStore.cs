using System.Globalization;
using HybridInference.Storage;
using StackExchange.Redis;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// Which credential each device holds, in the store so every replica agrees: the hash <c>{prefix}:fleet:credential:{id}</c>
/// with <c>jti</c> (the current credential id; absent once revoked), <c>site</c>, <c>by</c>, <c>issued</c>,
/// <c>expires</c>, and after a revocation <c>revoked</c> and <c>revokedBy</c>.
/// </summary>
/// <remarks>
/// A device's id is taken once: <see cref="TryClaimAsync"/> sets <c>jti</c> only where none is (HSETNX, one atomic command
/// on Redis and Garnet alike), so two enrolments racing for one id cannot both win, and a holder of a bootstrap secret
/// cannot take over an enrolled device. An expired credential keeps the id too: only an operator's revocation frees it.
/// </remarks>
public sealed class DeviceCredentialStore(StoreConnection store)
{
    private const string IdField = "jti";
    private const string SiteField = "site";
    private const string ByField = "by";
    private const string IssuedField = "issued";
    private const string ExpiresField = "expires";
    private const string RevokedField = "revoked";
    private const string RevokedByField = "revokedBy";

    private IDatabase Db => store.Database;

    private RedisKey Key(string deviceId) => store.Key("fleet", "credential", deviceId);

    /// <summary>Records <paramref name="credentialId"/> as the device's credential; false when it already holds one.</summary>
    public async Task<bool> TryClaimAsync(string deviceId, string credentialId, string site, string enrolledBy, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        if (!await Db.HashSetAsync(Key(deviceId), IdField, credentialId, When.NotExists))
        {
            return false;
        }

        await Db.HashSetAsync(Key(deviceId),
        [
            new(SiteField, site), new(ByField, enrolledBy), new(IssuedField, issuedAt.ToUnixTimeMilliseconds()),
            new(ExpiresField, expiresAt.ToUnixTimeMilliseconds()),
        ]);
        await Db.HashDeleteAsync(Key(deviceId), [RevokedField, RevokedByField]);
        return true;
    }

    /// <summary>The device's current credential id, or null (never enrolled, or revoked).</summary>
    public async Task<string?> CurrentIdAsync(string deviceId) =>
        await Db.HashGetAsync(Key(deviceId), IdField) is { HasValue: true } id ? id.ToString() : null;

    public async Task<DeviceCredentialRecord?> GetAsync(string deviceId)
    {
        var fields = (await Db.HashGetAllAsync(Key(deviceId))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        if (fields.Count == 0)
        {
            return null;
        }

        string? Text(string name) => fields.GetValueOrDefault(name);
        DateTimeOffset? Time(string name) =>
            fields.TryGetValue(name, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture)) : null;
        return new DeviceCredentialRecord(deviceId, Text(IdField), Text(SiteField), Text(ByField), Time(IssuedField), Time(ExpiresField), Time(RevokedField), Text(RevokedByField));
    }

    /// <summary>
    /// Revokes the device's credential <paramref name="credentialId"/> (what <see cref="GetAsync"/> read): false when it is
    /// no longer the current one (revoked, or replaced, since). Frees the device's id for a new enrolment.
    /// </summary>
    public async Task<bool> RevokeAsync(string deviceId, string credentialId, string actor, DateTimeOffset at)
    {
        var tx = Db.CreateTransaction();
        tx.AddCondition(Condition.HashEqual(Key(deviceId), IdField, credentialId));
        _ = tx.HashDeleteAsync(Key(deviceId), IdField);
        _ = tx.HashSetAsync(Key(deviceId), [new(RevokedField, at.ToUnixTimeMilliseconds()), new(RevokedByField, actor)]);
        return await tx.ExecuteAsync();
    }
}
