using System.Security.Cryptography;
using System.Text.Json;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;
using Microsoft.AspNetCore.Http;

namespace HybridInference.TestSupport;

/// <summary>
/// Version records as the registry serves them, signed the way it signs them, for the stand-in registries of the
/// node tests: what a real registry would answer, or (with another key, or none) what a forged one would.
/// </summary>
public static class SignedVersions
{
    /// <summary>A version of <paramref name="digest"/> (<paramref name="size"/> bytes) with <paramref name="cardJson"/>, signed with <paramref name="key"/> (the test registry's by default; none when <paramref name="unsigned"/>).</summary>
    public static ModelVersion Of(string name, int version, string digest, long size, string cardJson, ECDsa? key = null, bool unsigned = false)
    {
        using var card = JsonDocument.Parse(cardJson);
        var record = new ModelVersion(name, version, digest, size, [], [], null, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, "test", card.RootElement.Clone());
        return unsigned
            ? record
            : record with { Envelope = ModelEnvelopes.Sign(new ModelStatement(name, version, digest, size, CardDigest.Of(record.Card)), key ?? TestSigningKeys.Registry) };
    }

    /// <summary>The record as an HTTP answer, written with the registry's own contract serializer.</summary>
    public static IResult Answer(ModelVersion version) => Results.Json(version, RegistryJsonContext.Default.ModelVersion);
}
