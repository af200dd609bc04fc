using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Fleet;
using HybridInference.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Registry.Fleet;

/// <summary>
/// Fleet state in the store, so any registry replica can hold a device's stream or answer the fleet view.
/// Keys under <c>{prefix}:fleet</c>: <c>devices</c> (sorted set, device id scored by last seen, Unix ms),
/// <c>device:{id}</c> (hash: <c>info</c>, <c>desired</c>, <c>telemetry</c>, <c>report</c>, <c>running</c>,
/// each JSON), <c>device:{id}:telemetry</c> (list, newest first, capped), <c>generation</c> (counter of
/// desired-state changes), <c>audit</c> (list, newest first), <c>group:{name}</c> and <c>site:{name}</c> (sets of
/// device ids, kept at registration) and <c>target:group:{name}</c>, <c>target:site:{name}</c> (the desired state
/// last given to the group or site, for devices that join later). Lists and hashes, not streams: Garnet
/// has no stream commands.
/// </summary>
/// <remarks>
/// Precedence: the most recently set desired state wins for a device, whether it was set for the device, its
/// group or its site (generations order them). A group or site state reaches its current devices when set, and a
/// device that registers into the group or site later, unless the device has a newer state of its own.
/// </remarks>
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

    private RedisKey GenerationKey => store.Key("fleet", "generation");

    private RedisKey MembersKey(string kind, string name) => store.Key("fleet", kind, name);

    private RedisKey TargetKey(FleetTarget target) => store.Key("fleet", "target", target.Kind, target.Name);

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
        if (previous is not null && previous.Group != group)
        {
            _ = tx.SetRemoveAsync(MembersKey(FleetTarget.GroupKind, previous.Group), id);
        }

        if (previous is not null && previous.Site != site)
        {
            _ = tx.SetRemoveAsync(MembersKey(FleetTarget.SiteKind, previous.Site), id);
        }

        _ = tx.SetAddAsync(MembersKey(FleetTarget.GroupKind, group), id);
        _ = tx.SetAddAsync(MembersKey(FleetTarget.SiteKind, site), id);
        await tx.ExecuteAsync();
        await InheritTargetAsync(record);
        return record;
    }

    /// <summary>The devices registered in a group or site, sorted.</summary>
    public async Task<IReadOnlyList<string>> MembersAsync(FleetTarget target) =>
        [.. (await Db.SetMembersAsync(MembersKey(target.Kind, target.Name))).Select(m => m.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>The desired state last given to a group or site, if any.</summary>
    public async Task<DesiredState?> GetTargetDesiredAsync(FleetTarget target)
    {
        var value = await Db.StringGetAsync(TargetKey(target));
        return value.HasValue ? JsonSerializer.Deserialize<DesiredState>(value.ToString(), Json) : null;
    }

    /// <summary>
    /// Gives every current device of a group or site one desired state, remembered for devices that join later;
    /// one transaction with one audit entry naming the target and the devices. Null when the target has no
    /// devices (nothing is written).
    /// </summary>
    public async Task<TargetDesiredResult?> SetTargetDesiredAsync(FleetTarget target, Func<long, DesiredState> create)
    {
        var members = await MembersAsync(target);
        if (members.Count == 0)
        {
            return null;
        }

        var generation = await Db.StringIncrementAsync(GenerationKey);
        var desired = create(generation) with { Target = target.ToString() };
        var json = Serialize(desired);
        var tx = Db.CreateTransaction();
        _ = tx.StringSetAsync(TargetKey(target), json);
        foreach (var id in members)
        {
            _ = tx.HashSetAsync(DeviceKey(id), DesiredField, json);
        }

        _ = tx.ListLeftPushAsync(AuditKey, Serialize(AuditEntry(target.ToString(), "desired-set", null, desired, members)));
        await tx.ExecuteAsync();
        return new TargetDesiredResult(target.ToString(), desired, members);
    }

    /// <summary>
    /// Sets the desired state of every listed device in one transaction (one generation, one audit entry naming
    /// them all): for a staged rollout that picks its devices itself. With <paramref name="rules"/> null each
    /// device keeps the routing rules of its current desired state.
    /// </summary>
    /// <exception cref="ArgumentException">No device ids, or an id twice.</exception>
    /// <exception cref="UnknownDevicesException">A listed device is not registered; nothing is written.</exception>
    public async Task<IReadOnlyList<DesiredState>> SetDesiredForDevicesAsync(
        IReadOnlyCollection<string> deviceIds,
        ModelRef model,
        long sizeBytes,
        string actor,
        string? reason,
        IReadOnlyList<RuleDefinition>? rules = null,
        string? requestedAlias = null)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (deviceIds.Count == 0 || deviceIds.Distinct(StringComparer.Ordinal).Count() != deviceIds.Count)
        {
            throw new ArgumentException("give one or more distinct device ids", nameof(deviceIds));
        }

        List<string> unknown = [];
        Dictionary<string, DesiredState?> current = new(StringComparer.Ordinal);
        foreach (var id in deviceIds)
        {
            if (await GetDeviceAsync(id) is null)
            {
                unknown.Add(id);
            }
            else
            {
                current[id] = await GetDesiredAsync(id);
            }
        }

        if (unknown.Count > 0)
        {
            throw new UnknownDevicesException(unknown);
        }

        var generation = await Db.StringIncrementAsync(GenerationKey);
        var now = time.GetUtcNow();
        const string target = "devices";
        var states = deviceIds.Select(id => new DesiredState(generation, model, sizeBytes, requestedAlias, rules ?? current[id]?.Rules ?? [], now, actor, reason, target)).ToList();
        var tx = Db.CreateTransaction();
        foreach (var (id, desired) in deviceIds.Zip(states))
        {
            _ = tx.HashSetAsync(DeviceKey(id), DesiredField, Serialize(desired));
        }

        _ = tx.ListLeftPushAsync(AuditKey, Serialize(AuditEntry(target, "desired-set", null, states[0], [.. deviceIds])));
        await tx.ExecuteAsync();
        return states;
    }

    /// <summary>A device registering into a group or site takes the newest of their states, unless its own is newer.</summary>
    private async Task InheritTargetAsync(DeviceRecord device)
    {
        var own = await GetDesiredAsync(device.Id);
        var inherited = new[] { await GetTargetDesiredAsync(FleetTarget.Group(device.Group)), await GetTargetDesiredAsync(FleetTarget.Site(device.Site)) }
            .OfType<DesiredState>()
            .MaxBy(d => d.Generation);
        if (inherited is null || inherited.Generation <= (own?.Generation ?? 0))
        {
            return;
        }

        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(DeviceKey(device.Id), DesiredField, Serialize(inherited));
        _ = tx.ListLeftPushAsync(AuditKey, Serialize(AuditEntry(device.Id, "desired-inherited", own, inherited, [device.Id]) with
        {
            Reason = $"registered into {inherited.Target}" + (inherited.Reason is null ? "" : $": {inherited.Reason}"),
            At = time.GetUtcNow(),
        }));
        await tx.ExecuteAsync();
    }

    private static FleetAuditEntry AuditEntry(string subject, string action, DesiredState? from, DesiredState to, IReadOnlyList<string>? devices) => new(
        $"{to.SetAt.ToUnixTimeMilliseconds()}-{Guid.NewGuid().ToString("N")[..8]}",
        subject,
        action,
        from is null ? null : Describe(from.Model),
        Describe(to.Model),
        to.SetBy,
        to.Reason,
        to.SetAt,
        devices);

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
        var generation = await Db.StringIncrementAsync(GenerationKey);
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

    /// <summary>Records a change that is not a desired state (a device's enrolment, a revocation) in the fleet audit trail.</summary>
    public Task AppendAuditAsync(string device, string action, string to, string actor, string? reason = null)
    {
        var now = time.GetUtcNow();
        var entry = new FleetAuditEntry($"{now.ToUnixTimeMilliseconds()}-{Guid.NewGuid().ToString("N")[..8]}", device, action, null, to, actor, reason, now);
        return Db.ListLeftPushAsync(AuditKey, Serialize(entry));
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
