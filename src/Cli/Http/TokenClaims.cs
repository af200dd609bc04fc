using System.Text;
using System.Text.Json;

namespace HybridInference.Cli.Http;

/// <summary>
/// What a JWT says about itself (subject, scopes, expiry), read without checking its signature: <c>hi login</c> shows
/// it so an operator sees at once which token they saved. Only the services judge a token.
/// </summary>
public sealed record TokenClaims(string? Subject, string? Scopes, DateTimeOffset? Expires)
{
    public static TokenClaims? Read(string token)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = json.RootElement;
            return new TokenClaims(
                String(root, "sub") ?? String(root, "client_id"),
                String(root, "scope") ?? String(root, "scp"),
                root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
