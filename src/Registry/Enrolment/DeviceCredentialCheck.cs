using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// Whether a device credential is still its device's current one (not revoked, not superseded), looked up in the store
/// at most once per device per <c>Registry:Enrolment:CheckMilliseconds</c>: a device's stream sends a message every few
/// seconds and downloads come in bursts, and a store call for each would put the store on every one of them. A revocation
/// made on this replica is seen at once; one made on another within that interval.
/// </summary>
public sealed class DeviceCredentialCheck(DeviceCredentialStore store, IOptions<EnrolmentOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (string? CurrentId, DateTimeOffset ReadAt)> _seen = new(StringComparer.Ordinal);

    /// <summary>How long a look at the store is trusted, and how often a live stream looks again.</summary>
    public TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.CheckMilliseconds);

    /// <summary>Whether <paramref name="credentialId"/> is <paramref name="deviceId"/>'s current credential.</summary>
    public async Task<bool> IsCurrentAsync(string deviceId, string credentialId)
    {
        var now = time.GetUtcNow();
        if (!_seen.TryGetValue(deviceId, out var seen) || now - seen.ReadAt >= Interval)
        {
            seen = (await store.CurrentIdAsync(deviceId), now);
            _seen[deviceId] = seen;
        }

        return string.Equals(seen.CurrentId, credentialId, StringComparison.Ordinal);
    }

    /// <summary>Forgets what was read for the device: after this replica enrols or revokes it.</summary>
    public void Forget(string deviceId) => _seen.TryRemove(deviceId, out _);
}
