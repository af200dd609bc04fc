using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// Tells a device credential from other bearer tokens by its issuer, read without validation only to pick the scheme
/// that then validates it: a token that claims the device issuer but was signed otherwise fails there, as it should.
/// </summary>
internal static class DeviceCredentialTokens
{
    private const string Prefix = "Bearer ";

    private static readonly JsonWebTokenHandler Reader = new();

    public static bool IsDeviceCredential(HttpRequest request, string issuer)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = header[Prefix.Length..].Trim();
        if (!Reader.CanReadToken(token))
        {
            return false;
        }

        try
        {
            return string.Equals(Reader.ReadJsonWebToken(token).Issuer, issuer, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return false;
        }
    }
}
