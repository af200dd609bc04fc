using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Fleet;

namespace HybridInference.Clients.Fleet;

/// <summary>
/// The registry's fleet HTTP API (<c>/api/fleet</c>): the device list and one device, their telemetry, the desired
/// state of a device, a group or a site, and the audit trail of desired-state changes. Every call returns the
/// contract type or throws an <see cref="ApiException"/> (the registry's problem detail, or unreachable).
/// </summary>
public sealed class FleetClient(HttpClient http)
{
    /// <summary>The service's name in messages.</summary>
    public const string Service = "registry";

    /// <summary>Every registered device, or those of <paramref name="group"/> and/or <paramref name="site"/>.</summary>
    public async Task<IReadOnlyList<DeviceView>> ListDevicesAsync(string? group = null, string? site = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/fleet/devices" + Query(("group", group), ("site", site)));
        using var response = await ApiCalls.SendAsync(http, request, Service, cancellationToken).ConfigureAwait(false);
        try
        {
            // Read here rather than through ApiCalls.ReadAsync so that a JSON null says what the router's health check shows.
            return await response.Content.ReadFromJsonAsync(FleetJsonContext.Default.DeviceViewArray, cancellationToken).ConfigureAwait(false)
                ?? throw new ApiException(Service, response.StatusCode, "the registry answered null instead of a device list");
        }
        catch (JsonException ex)
        {
            throw new ApiException(Service, response.StatusCode, $"a body that is not a device list: {ex.Message}");
        }
    }

    /// <summary>One device; a 404 <see cref="ApiException"/> when it is not registered.</summary>
    public Task<DeviceView> GetDeviceAsync(string id, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, $"/api/fleet/devices/{Escape(id)}", FleetJsonContext.Default.DeviceView, Service, cancellationToken);

    /// <summary>A device's desired state, or null when it has none.</summary>
    public async Task<DesiredState?> GetDesiredAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetDeviceAsync(id, cancellationToken).ConfigureAwait(false)).Desired;

    /// <summary>A device's telemetry messages, newest first (<paramref name="count"/> 1-1000; the registry's default is 20).</summary>
    public async Task<IReadOnlyList<TelemetryRecord>> TelemetryAsync(string id, int? count = null, CancellationToken cancellationToken = default) =>
        await ApiCalls.GetAsync(http, $"/api/fleet/devices/{Escape(id)}/telemetry" + Query(("count", Number(count))), FleetJsonContext.Default.TelemetryRecordArray, Service, cancellationToken).ConfigureAwait(false);

    /// <summary>Desired-state changes, newest first (<paramref name="count"/> 1-1000; the registry's default is 100).</summary>
    public async Task<IReadOnlyList<FleetAuditEntry>> AuditAsync(int? count = null, CancellationToken cancellationToken = default) =>
        await ApiCalls.GetAsync(http, "/api/fleet/audit" + Query(("count", Number(count))), FleetJsonContext.Default.FleetAuditEntryArray, Service, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Sets what device <paramref name="id"/> should run. <paramref name="actor"/> goes in the <see cref="FleetHeaders.Actor"/>
    /// header; the registry takes the body's <c>actor</c> when both are given.
    /// </summary>
    public Task<DesiredState> SetDeviceDesiredAsync(string id, DesiredStateRequest desired, string? actor = null, CancellationToken cancellationToken = default) =>
        ApiCalls.ReadAsync(http, Put($"/api/fleet/devices/{Escape(id)}/desired", desired, actor), FleetJsonContext.Default.DesiredState, Service, cancellationToken);

    /// <summary>Sets the desired state of every device of <paramref name="group"/>, and of devices that join it later.</summary>
    public Task<TargetDesiredResult> SetGroupDesiredAsync(string group, DesiredStateRequest desired, string? actor = null, CancellationToken cancellationToken = default) =>
        ApiCalls.ReadAsync(http, Put($"/api/fleet/groups/{Escape(group)}/desired", desired, actor), FleetJsonContext.Default.TargetDesiredResult, Service, cancellationToken);

    /// <summary>Sets the desired state of every device of <paramref name="site"/>, and of devices that join it later.</summary>
    public Task<TargetDesiredResult> SetSiteDesiredAsync(string site, DesiredStateRequest desired, string? actor = null, CancellationToken cancellationToken = default) =>
        ApiCalls.ReadAsync(http, Put($"/api/fleet/sites/{Escape(site)}/desired", desired, actor), FleetJsonContext.Default.TargetDesiredResult, Service, cancellationToken);

    /// <summary>Where device <paramref name="id"/>'s credential stands (enrolled or revoked); a 404 <see cref="ApiException"/> when it never enrolled.</summary>
    public Task<CredentialStatus> GetCredentialAsync(string id, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, $"/api/fleet/devices/{Escape(id)}/credential", FleetJsonContext.Default.CredentialStatus, Service, cancellationToken);

    /// <summary>Revokes device <paramref name="id"/>'s credential: its stream ends, its next connect is refused, and it may enrol again.</summary>
    public Task<CredentialStatus> RevokeCredentialAsync(string id, CancellationToken cancellationToken = default) =>
        ApiCalls.ReadAsync(http, new HttpRequestMessage(HttpMethod.Delete, $"/api/fleet/devices/{Escape(id)}/credential"), FleetJsonContext.Default.CredentialStatus, Service, cancellationToken);

    private static HttpRequestMessage Put(string path, DesiredStateRequest desired, string? actor)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(desired, FleetJsonContext.Default.DesiredStateRequest) };
        if (!string.IsNullOrWhiteSpace(actor))
        {
            request.Headers.Add(FleetHeaders.Actor, actor);
        }

        return request;
    }

    private static string Escape(string segment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        return Uri.EscapeDataString(segment);
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
