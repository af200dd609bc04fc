using System.Security.Cryptography;
using System.Text.Json;

namespace HybridInference.Contracts.Registry.Signing;

/// <summary>
/// Signs a <see cref="ModelStatement"/> into a <see cref="DsseEnvelope"/> and opens one again: ECDSA P-256 with
/// SHA-256 over the DSSE PAE, signatures DER-encoded, keys named by the SHA-256 of their SubjectPublicKeyInfo.
/// The algorithm is fixed, not read from the envelope, so an envelope cannot choose a weaker one.
/// </summary>
public static class ModelEnvelopes
{
    /// <summary>The media type of a model statement; an envelope of any other type is refused.</summary>
    public const string PayloadType = "application/vnd.hybridinference.model+json";

    /// <summary>The key id a signature names: <c>sha256:</c> and the hex SHA-256 of the DER SubjectPublicKeyInfo.</summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Registry.Digest.Of(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).ToString();
    }

    /// <summary>The statement as canonical JSON (the source-generated contract's order, no whitespace), signed with <paramref name="privateKey"/>.</summary>
    public static DsseEnvelope Sign(ModelStatement statement, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var payload = JsonSerializer.SerializeToUtf8Bytes(statement, RegistryJsonContext.Default.ModelStatement);
        var signature = privateKey.SignData(Pae.Encode(PayloadType, payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new DsseEnvelope(PayloadType, Convert.ToBase64String(payload), [new DsseSignature(KeyIdOf(privateKey), Convert.ToBase64String(signature))]);
    }

    /// <summary>
    /// The statement of <paramref name="envelope"/>, once a signature by one of <paramref name="trusted"/> (by key id)
    /// verifies over it.
    /// </summary>
    /// <exception cref="ModelRefusedException">Unsigned, of another payload type, malformed, by no trusted key, or a trusted key's signature does not verify.</exception>
    public static ModelStatement Open(DsseEnvelope? envelope, IReadOnlyDictionary<string, ECDsa> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        if (envelope is null || envelope.Signatures is not { Count: > 0 })
        {
            throw new ModelRefusedException(RefusalReasons.Unsigned, "the version carries no signature envelope");
        }

        if (!string.Equals(envelope.PayloadType, PayloadType, StringComparison.Ordinal))
        {
            throw new ModelRefusedException(RefusalReasons.Malformed, $"the envelope's payload type is '{envelope.PayloadType}', not '{PayloadType}'");
        }

        if (envelope.Payload is null || !TryBase64(envelope.Payload, out var payload))
        {
            throw new ModelRefusedException(RefusalReasons.Malformed, "the envelope's payload is not base64");
        }

        var pae = Pae.Encode(envelope.PayloadType, payload);
        string? failed = null;
        foreach (var signature in envelope.Signatures)
        {
            if (signature?.KeyId is null || !trusted.TryGetValue(signature.KeyId, out var key))
            {
                continue;
            }

            if (signature.Sig is not null && TryBase64(signature.Sig, out var bytes)
                && key.VerifyData(pae, bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                return Parse(payload);
            }

            failed = signature.KeyId;
        }

        throw failed is not null
            ? new ModelRefusedException(RefusalReasons.BadSignature, $"the signature by trusted key {failed} does not verify (ECDSA P-256 SHA-256, DER)")
            : new ModelRefusedException(RefusalReasons.UnknownKey, $"signed by {string.Join(", ", envelope.Signatures.Select(s => s?.KeyId ?? "(no key id)"))}, none of them a trusted key");
    }

    private static ModelStatement Parse(byte[] payload)
    {
        ModelStatement? statement;
        try
        {
            statement = JsonSerializer.Deserialize(payload, RegistryJsonContext.Default.ModelStatement);
        }
        catch (JsonException ex)
        {
            throw new ModelRefusedException(RefusalReasons.Malformed, $"the signed payload is not a model statement: {ex.Message}");
        }

        return statement is { Name: not null } && Registry.Digest.IsValid(statement.Digest) && Registry.Digest.IsValid(statement.CardDigest) && statement.SizeBytes >= 0
            ? statement
            : throw new ModelRefusedException(RefusalReasons.Malformed, "the signed payload lacks a name, a sha256 digest, a size or a card digest");
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length * 3 / 4 + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
