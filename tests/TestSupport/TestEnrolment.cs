using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using HybridInference.Contracts.Fleet;
using HybridInference.Security;

namespace HybridInference.TestSupport;

/// <summary>
/// The registry's enrolment as the tests configure it: two bootstrap secrets (one for any site, one for
/// <see cref="RestrictedSite"/> only), the device-credential key, and a short credential check so that a revocation ends a
/// stream within a fraction of a second.
/// </summary>
public static class TestEnrolment
{
    public const string Secret = "test-bootstrap-secret-for-any-site-0123456789";
    public const string SiteSecret = "test-bootstrap-secret-for-site-7-only-987654";
    public const string RestrictedSite = "site-7";
    public const int CheckMilliseconds = 200;

    public static string SigningKey { get; } = DevTokens.NewSigningKey();

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The registry's <c>Registry:Enrolment</c> settings.</summary>
    public static IReadOnlyDictionary<string, string?> RegistrySettings { get; } = new Dictionary<string, string?>
    {
        ["Registry:Enrolment:SigningKey"] = SigningKey,
        ["Registry:Enrolment:BootstrapSecrets:test:Hash"] = Hash(Secret),
        ["Registry:Enrolment:BootstrapSecrets:site7:Hash"] = Hash(SiteSecret),
        ["Registry:Enrolment:BootstrapSecrets:site7:Site"] = RestrictedSite,
        ["Registry:Enrolment:CheckMilliseconds"] = CheckMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An enrolment request as a device sends it.</summary>
    public static HttpRequestMessage Request(string? deviceId, string? site, string? secret = Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/fleet/enrolments")
        {
            Content = JsonContent.Create(new EnrolmentRequest(deviceId, site), FleetJsonContext.Default.EnrolmentRequest),
        };
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bootstrap", secret);
        }

        return request;
    }

    /// <summary>Enrols <paramref name="deviceId"/> and returns its credential; fails the test unless the registry says 201.</summary>
    public static async Task<DeviceCredential> EnrolAsync(HttpClient client, string deviceId, string site = "site-1", string secret = Secret)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = Request(deviceId, site, secret);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"enrolment of {deviceId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync(FleetJsonContext.Default.DeviceCredential))!;
    }
}
