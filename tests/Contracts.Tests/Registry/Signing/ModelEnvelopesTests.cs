using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;

namespace HybridInference.Contracts.Tests.Registry.Signing;

/// <summary>
/// The envelope end to end with real P-256 keys: what one key signs, only that key's holders open; any change to
/// the payload, the type or the signature, another key, an unknown key id and other algorithms are refused.
/// </summary>
public sealed class ModelEnvelopesTests : IDisposable
{
    private static readonly ModelStatement Statement = new("fashion-edge", 2, "sha256:" + new string('a', 64), 1234, "sha256:" + new string('b', 64));

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    private Dictionary<string, ECDsa> Trusting(params ECDsa[] keys) => keys.ToDictionary(ModelEnvelopes.KeyIdOf, k => k, StringComparer.Ordinal);

    [Fact]
    public void Open_WhatTheTrustedKeySigned_ReturnsTheStatement()
    {
        var envelope = ModelEnvelopes.Sign(Statement, _key);

        Assert.Equal(Statement, ModelEnvelopes.Open(envelope, Trusting(_key)));
        Assert.Equal(ModelEnvelopes.PayloadType, envelope.PayloadType);
        Assert.Equal(ModelEnvelopes.KeyIdOf(_key), Assert.Single(envelope.Signatures).KeyId);
    }

    [Fact]
    public void Open_WithSeveralTrustedKeys_AcceptsEither_ForRotation()
    {
        Assert.Equal(Statement, ModelEnvelopes.Open(ModelEnvelopes.Sign(Statement, _other), Trusting(_key, _other)));
    }

    [Fact]
    public void Open_Null_IsUnsigned()
    {
        Assert.Equal(RefusalReasons.Unsigned, Assert.Throws<ModelRefusedException>(() => ModelEnvelopes.Open(null, Trusting(_key))).Reason);
        Assert.Equal(RefusalReasons.Unsigned, Refused(ModelEnvelopes.Sign(Statement, _key) with { Signatures = [] }));
    }

    [Fact]
    public void Open_TamperedPayload_IsBadSignature()
    {
        var envelope = ModelEnvelopes.Sign(Statement, _key);
        var tampered = Statement with { Digest = "sha256:" + new string('c', 64) };
        var payload = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(tampered, RegistryJsonContext.Default.ModelStatement));

        Assert.Equal(RefusalReasons.BadSignature, Refused(envelope with { Payload = payload }));
    }

    [Fact]
    public void Open_SignedByAnotherKeyUnderTheTrustedKeysId_IsBadSignature()
    {
        var envelope = ModelEnvelopes.Sign(Statement, _other);
        var forged = envelope with { Signatures = [envelope.Signatures[0] with { KeyId = ModelEnvelopes.KeyIdOf(_key) }] };

        Assert.Equal(RefusalReasons.BadSignature, Refused(forged));
    }

    [Fact]
    public void Open_SignedByAKeyNotTrusted_IsUnknownKey_NamingIt()
    {
        var ex = Assert.Throws<ModelRefusedException>(() => ModelEnvelopes.Open(ModelEnvelopes.Sign(Statement, _other), Trusting(_key)));

        Assert.Equal(RefusalReasons.UnknownKey, ex.Reason);
        Assert.Contains(ModelEnvelopes.KeyIdOf(_other), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AnotherPayloadType_IsMalformed_EvenWhenItsSignatureVerifies()
    {
        // A signature over another type (here an in-toto statement's) is valid DSSE, but not a model statement.
        const string type = "application/vnd.in-toto+json";
        var payload = JsonSerializer.SerializeToUtf8Bytes(Statement, RegistryJsonContext.Default.ModelStatement);
        var sig = _key.SignData(Pae.Encode(type, payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var envelope = new DsseEnvelope(type, Convert.ToBase64String(payload), [new DsseSignature(ModelEnvelopes.KeyIdOf(_key), Convert.ToBase64String(sig))]);

        Assert.Equal(RefusalReasons.Malformed, Refused(envelope));
    }

    [Fact]
    public void Open_PayloadTypeChangedAfterSigning_IsRefused()
    {
        var envelope = ModelEnvelopes.Sign(Statement, _key);

        Assert.Equal(RefusalReasons.Malformed, Refused(envelope with { PayloadType = "application/json" }));
    }

    public static TheoryData<string> OtherAlgorithms => ["p1363", "hmac-with-public-key", "p384", "raw-payload", "sha512"];

    [Theory]
    [MemberData(nameof(OtherAlgorithms))]
    public void Open_SignatureMadeAnotherWay_UnderTheTrustedKeysId_IsBadSignature(string how)
    {
        var envelope = ModelEnvelopes.Sign(Statement, _key);
        var payload = Convert.FromBase64String(envelope.Payload);
        var pae = Pae.Encode(envelope.PayloadType, payload);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var sig = how switch
        {
            // The same key and hash, the other ECDSA encoding: only DER is accepted.
            "p1363" => _key.SignData(pae, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            // The classic confusion: a MAC keyed with the (public) verification key.
            "hmac-with-public-key" => HMACSHA256.HashData(_key.ExportSubjectPublicKeyInfo(), pae),
            "p384" => p384.SignData(pae, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence),
            // Signed without the PAE: the type is not bound.
            "raw-payload" => _key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            "sha512" => _key.SignData(pae, HashAlgorithmName.SHA512, DSASignatureFormat.Rfc3279DerSequence),
            _ => throw new ArgumentOutOfRangeException(nameof(how)),
        };

        Assert.Equal(RefusalReasons.BadSignature, Refused(envelope with { Signatures = [envelope.Signatures[0] with { Sig = Convert.ToBase64String(sig) }] }));
    }

    [Fact]
    public void Open_SignatureNotBase64_IsBadSignature()
    {
        var envelope = ModelEnvelopes.Sign(Statement, _key);

        Assert.Equal(RefusalReasons.BadSignature, Refused(envelope with { Signatures = [envelope.Signatures[0] with { Sig = "not base64!" }] }));
    }

    [Fact]
    public void Open_PayloadNotAStatement_IsMalformed()
    {
        var payload = Encoding.UTF8.GetBytes("{\"name\":\"fashion-edge\"}");
        var sig = _key.SignData(Pae.Encode(ModelEnvelopes.PayloadType, payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var envelope = new DsseEnvelope(ModelEnvelopes.PayloadType, Convert.ToBase64String(payload), [new DsseSignature(ModelEnvelopes.KeyIdOf(_key), Convert.ToBase64String(sig))]);

        Assert.Equal(RefusalReasons.Malformed, Refused(envelope));
    }

    [Fact]
    public void Envelope_RoundTripsThroughTheContractJson_WithDsseFieldNames()
    {
        var envelope = ModelEnvelopes.Sign(Statement, _key);
        var json = JsonSerializer.Serialize(envelope, RegistryJsonContext.Default.DsseEnvelope);
        var back = JsonSerializer.Deserialize(json, RegistryJsonContext.Default.DsseEnvelope)!;

        Assert.Contains("\"payloadType\":", json, StringComparison.Ordinal);
        Assert.Contains("\"keyid\":", json, StringComparison.Ordinal);
        Assert.Contains("\"sig\":", json, StringComparison.Ordinal);
        Assert.Equal(Statement, ModelEnvelopes.Open(back, Trusting(_key)));
    }

    private string Refused(DsseEnvelope envelope) =>
        Assert.Throws<ModelRefusedException>(() => ModelEnvelopes.Open(envelope, Trusting(_key))).Reason;
}
