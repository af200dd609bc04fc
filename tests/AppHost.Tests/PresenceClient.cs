using System.Net.Http.Json;

namespace HybridInference.AppHost.Tests;

/// <summary>The fields of a presence record these tests look at, as the router's /admin/instances returns them.</summary>
internal sealed record PresenceView(string Service, string Instance, string? Role, string? Site);

internal static class PresenceClient
{
    /// <summary>
    /// Services announce themselves right after they start, which can be a moment after they turn
    /// healthy: poll the router a bounded number of times.
    /// </summary>
    public static async Task<IReadOnlyList<PresenceView>> WaitForServicesAsync(HttpClient router, IEnumerable<string> services)
    {
        var wanted = services.ToHashSet();
        IReadOnlyList<PresenceView> last = [];
        for (var attempt = 0; attempt < 60; attempt++)
        {
            last = await router.GetFromJsonAsync<List<PresenceView>>("/admin/instances") ?? [];
            if (wanted.IsSubsetOf(last.Select(i => i.Service)))
            {
                return last;
            }

            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException(
            $"router listed [{string.Join(", ", last.Select(i => i.Service))}], expected all of [{string.Join(", ", wanted)}]");
    }
}
