using System.Globalization;
using System.Text.Json;
using HybridInference.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Registry.Fleet;

/// <summary>
/// Fleet state in the store, so any registry replica can hold a device's stream or answer the fleet view.
/// Keys under <c>{prefix}:fleet</c>: <c>devices</c> (sorted set, device id scored by last seen, Unix ms),
/// <c>device:{id}</c> (hash: <c>info</c>, <c>desired</c>, <c>telemetry</c>, <c>report</c>, <c>running</c>,
/// each JSON), <c>device:{id}:telemetry</c> (list, newest first, capped), <c>generation</c> (counter of
/// desired-state changes) and <c>audit</c> (list, newest first). Lists and hashes, not streams: Garnet
/// has no stream commands.
/// </summary>
public sealed class FleetStore(StoreConnection store, IOptions<FleetOptions> options, TimeProvider time)
{
    private const string InfoField = "info";
    private const string DesiredField = "desired";
    private const string TelemetryField = "telemetry";
    private const string ReportField = "report";
    private const string RunningField = "running";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IDatabase Db => store.Database;

    private RedisKey DevicesKey => store.Key("fleet", "devices");

    private RedisKey DeviceKey(string id) => store.Key("fleet", "device", id);

    private RedisKey HistoryKey(string id) => store.Key("fleet", "device", id, "telemetry");

    private RedisKey AuditKey => store.Key("fleet", "audit");

    /// <summary>Records a device's registration; its first registration time survives re-registrations.</summary>
    public async Task<DeviceRecord> RegisterAsync(string id, string site, string group, string hardware, string softwareVersion, ModelRef? running)
    {
        var now = time.GetUtcNow();
        var previous = await GetFieldAsync<DeviceRecord>(id, InfoField);
        var record = new DeviceRecord(id, site, group, hardware, softwareVersion, previous?.FirstRegisteredAt ?? now, now);
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(DeviceKey(id), InfoField, Serialize(record));
        if (running is not null)
        {
            _ = tx.HashSetAsync(DeviceKey(id), RunningField, Serialize(running));
        }

        _ = tx.SortedSetAddAsync(DevicesKey, id, now.ToUnixTimeMilliseconds());
        await tx.ExecuteAsync();
        return record;
    }

    public Task<DeviceRecord?> GetDeviceAsync(string id) => GetFieldAsync<DeviceRecord>(id, InfoField);

    public Task<DesiredState?> GetDesiredAsync(string id) => GetFieldAsync<DesiredState>(id, DesiredField);

    /// <summary>Marks the device as heard from now.</summary>
    public Task TouchAsync(string id) => Db.SortedSetAddAsync(DevicesKey, id, time.GetUtcNow().ToUnixTimeMilliseconds());

    public async Task RecordTelemetryAsync(string id, TelemetryRecord telemetry)
    {
        var json = Serialize(telemetry);
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(DeviceKey(id), TelemetryField, json);
        if (telemetry.Model is not null)
        {
            _ = tx.HashSetAsync(DeviceKey(id), RunningField, Serialize(telemetry.Model));
        }

        _ = tx.ListLeftPushAsync(HistoryKey(id), json);
        _ = tx.ListTrimAsync(HistoryKey(id), 0, options.Value.TelemetryHistory - 1);
        _ = tx.SortedSetAddAsync(DevicesKey, id, time.GetUtcNow().ToUnixTimeMilliseconds());
        await tx.ExecuteAsync();
    }

    public async Task RecordReportAsync(string id, StateReportRecord report)
    {
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(DeviceKey(id), ReportField, Serialize(report));
        if (report is { Status: StateReportRecord.Applied, Model: { } model })
        {
            _ = tx.HashSetAsync(DeviceKey(id), RunningField, Serialize(model));
        }

        _ = tx.SortedSetAddAsync(DevicesKey, id, time.GetUtcNow().ToUnixTimeMilliseconds());
        await tx.ExecuteAsync();
    }

    /// <summary>Sets a device's desired state under a new generation, with its audit entry in the same transaction.</summary>
    public async Task<DesiredState> SetDesiredAsync(string id, Func<long, DesiredState> create)
    {
        var generation = await Db.StringIncrementAsync(store.Key("fleet", "generation"));
        var desired = create(generation);
        var previous = await GetDesiredAsync(id);
        var entry = new FleetAuditEntry(
            $"{desired.SetAt.ToUnixTimeMilliseconds()}-{Guid.NewGuid().ToString("N")[..8]}",
            id,
            "desired-set",
            previous is null ? null : Describe(previous.Model),
            Describe(desired.Model),
            desired.SetBy,
            desired.Reason,
            desired.SetAt);
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(DeviceKey(id), DesiredField, Serialize(desired));
        _ = tx.ListLeftPushAsync(AuditKey, Serialize(entry));
        await tx.ExecuteAsync();
        return desired;
    }

    public async Task<IReadOnlyList<FleetAuditEntry>> AuditAsync(int count)
    {
        var entries = await Db.ListRangeAsync(AuditKey, 0, count - 1);
        return [.. entries.Select(e => JsonSerializer.Deserialize<FleetAuditEntry>(e.ToString(), Json)!)];
    }

    public async Task<IReadOnlyList<TelemetryRecord>> TelemetryAsync(string id, int count)
    {
        var entries = await Db.ListRangeAsync(HistoryKey(id), 0, count - 1);
        return [.. entries.Select(e => JsonSerializer.Deserialize<TelemetryRecord>(e.ToString(), Json)!)];
    }

    public async Task<IReadOnlyList<DeviceView>> ListAsync()
    {
        var devices = await Db.SortedSetRangeByRankWithScoresAsync(DevicesKey);
        var views = new List<DeviceView>(devices.Length);
        foreach (var device in devices)
        {
            if (await ViewAsync(device.Element.ToString(), device.Score) is { } view)
            {
                views.Add(view);
            }
        }

        return [.. views.OrderBy(v => v.Id, StringComparer.Ordinal)];
    }

    public async Task<DeviceView?> GetViewAsync(string id) =>
        await Db.SortedSetScoreAsync(DevicesKey, id) is { } lastSeen ? await ViewAsync(id, lastSeen) : null;

    private async Task<DeviceView?> ViewAsync(string id, double lastSeenMs)
    {
        var fields = (await Db.HashGetAllAsync(DeviceKey(id))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
        if (!fields.TryGetValue(InfoField, out var infoJson))
        {
            return null;
        }

        var info = JsonSerializer.Deserialize<DeviceRecord>(infoJson, Json)!;
        T? Field<T>(string name) where T : class => fields.TryGetValue(name, out var json) ? JsonSerializer.Deserialize<T>(json, Json) : null;
        var desired = Field<DesiredState>(DesiredField);
        var running = Field<ModelRef>(RunningField);
        var report = Field<StateReportRecord>(ReportField);
        var telemetry = Field<TelemetryRecord>(TelemetryField);
        var lastSeen = DateTimeOffset.FromUnixTimeMilliseconds((long)lastSeenMs);
        // Compared in whole milliseconds, the resolution last-seen is stored at.
        var offline = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)lastSeenMs > options.Value.OfflineAfterSeconds * 1000L;
        var converged = desired is not null && running is not null && running.Digest == desired.Model.Digest;
        var health = offline ? "offline"
            : report is not null && desired is not null && report.Generation == desired.Generation && report.Status != StateReportRecord.Applied ? "failed"
            : telemetry is null ? "unknown"
            : telemetry.Throttled ? "throttled"
            : "healthy";
        return new DeviceView(info.Id, info.Site, info.Group, info.Hardware, info.SoftwareVersion, offline ? "offline" : "online", health,
            lastSeen, info.FirstRegisteredAt, running, desired, converged, report, telemetry);
    }

    private async Task<T?> GetFieldAsync<T>(string id, string field) where T : class
    {
        var value = await Db.HashGetAsync(DeviceKey(id), field);
        return value.HasValue ? JsonSerializer.Deserialize<T>(value.ToString(), Json) : null;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static string Describe(ModelRef model) => string.Create(CultureInfo.InvariantCulture, $"{model.Name}@{model.Version} ({model.Digest})");
}
