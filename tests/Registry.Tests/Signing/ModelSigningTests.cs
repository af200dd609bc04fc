using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Signing;

/// <summary>
/// The real registry on a real store signs every version it seeds or registers, serves the envelope with the
/// version, re-signs seeded versions after a key rotation, and does not start without a key unless told to.
/// </summary>
public sealed class ModelSigningTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private static readonly Dictionary<string, ECDsa> Trusted = new(StringComparer.Ordinal) { [ModelEnvelopes.KeyIdOf(TestSigningKeys.Registry)] = TestSigningKeys.Registry };

    [Theory]
    [InlineData("fashion-edge")]
    [InlineData("fashion-cloud")]
    public async Task SeededVersion_IsServedWithAnEnvelope_ThatOpensWithTheRegistrysPublicKey_AndNamesWhatIsServed(string model)
    {
        using var client = await host.ClientAsync();

        var version = await client.GetFromJsonAsync("/api/models/" + model + "/versions/1", RegistryJsonContext.Default.ModelVersion);
        var statement = ModelEnvelopes.Open(version!.Envelope, Trusted);

        Assert.Equal(new ModelStatement(model, 1, version.Digest, version.SizeBytes, CardDigest.Of(version.Card)), statement);
        Assert.Equal(Digest.OfFile(RepositoryRoot.Combine("models", model, "1", "model.onnx")).ToString(), statement.Digest);
        Assert.Equal(new FileInfo(RepositoryRoot.Combine("models", model, "1", "model.onnx")).Length, statement.SizeBytes);
    }

    [Fact]
    public async Task RegisteredVersion_IsSignedInTheAnswer_AndTheSameEnvelopeIsServedAfterwards()
    {
        using var client = await host.ClientAsync();
        var model = "signed-" + Guid.NewGuid().ToString("N")[..8];

        using var response = await client.PostAsync($"/api/models/{model}/versions", RegistryHost.Form(RegistryHost.ModelBytes("fashion-edge"), RegistryHost.CardAs("fashion-edge", model)));
        var created = await response.Content.ReadFromJsonAsync(RegistryJsonContext.Default.ModelVersion);
        var served = await client.GetFromJsonAsync($"/api/models/{model}/versions/1", RegistryJsonContext.Default.ModelVersion);
        var alias = await client.GetFromJsonAsync($"/api/models/fashion-edge/aliases/champion", RegistryJsonContext.Default.ModelVersion);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(model, ModelEnvelopes.Open(created!.Envelope, Trusted).Name);
        Assert.Equal(created.Envelope!.Signatures[0].Sig, served!.Envelope!.Signatures[0].Sig);
        Assert.Equal(ModelEnvelopes.KeyIdOf(TestSigningKeys.Registry), served.Envelope.Signatures[0].KeyId);
        Assert.NotNull(alias!.Envelope);
    }

    [Fact]
    public async Task RegistryWithANewKey_SignsTheSeededVersionsAgain_WithAnAuditEntry()
    {
        // The shared store already holds the seeded versions, signed with the usual key.
        await host.ClientAsync();
        await using var rotated = host.Create(RepositoryRoot.Combine("models"), settings: new Dictionary<string, string?> { [TestSigningKeys.RegistryPrivateKeySetting] = TestSigningKeys.OtherPrivateKeyPem });
        using var client = rotated.CreateClient();
        await HealthWait.UntilHealthyAsync(client);

        var version = await client.GetFromJsonAsync("/api/models/fashion-edge/versions/1", RegistryJsonContext.Default.ModelVersion);
        var audit = await client.GetFromJsonAsync("/api/models/fashion-edge/audit", RegistryJsonContext.Default.IReadOnlyListAuditEntry);
        var otherTrusted = new Dictionary<string, ECDsa>(StringComparer.Ordinal) { [ModelEnvelopes.KeyIdOf(TestSigningKeys.Other)] = TestSigningKeys.Other };

        Assert.Equal("fashion-edge", ModelEnvelopes.Open(version!.Envelope, otherTrusted).Name);
        Assert.Equal(RefusalReasons.UnknownKey, Assert.Throws<ModelRefusedException>(() => ModelEnvelopes.Open(version.Envelope, Trusted)).Reason);
        Assert.Contains(audit!, e => e.Action == "signed" && e.Reason == $"signed by {ModelEnvelopes.KeyIdOf(TestSigningKeys.Other)}");

        // Back to the usual key, so the other tests of this class see what they expect.
        await using var back = host.Create(RepositoryRoot.Combine("models"));
        using var backClient = back.CreateClient();
        await HealthWait.UntilHealthyAsync(backClient);
    }

    [Fact]
    public void Start_WithoutASigningKey_FailsNamingBothSettingsAndTheSwitch()
    {
        using var factory = host.Create(seed: null, track: false, settings: new Dictionary<string, string?> { [TestSigningKeys.RegistryPrivateKeySetting] = null });

        var error = Record.Exception(() => factory.Server);

        Assert.NotNull(error);
        Assert.Contains("Registry:Signing:PrivateKeyPem or Registry:Signing:PrivateKeyFile is required", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Registry:Signing:Disabled=true", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningDisabled_RegistersUnsigned()
    {
        await using var factory = host.Create(seed: null, settings: new Dictionary<string, string?>
        {
            [TestSigningKeys.RegistryPrivateKeySetting] = null,
            ["Registry:Signing:Disabled"] = "true",
        });
        using var client = factory.CreateClient();
        var model = "unsigned-" + Guid.NewGuid().ToString("N")[..8];

        using var response = await client.PostAsync($"/api/models/{model}/versions", RegistryHost.Form(RegistryHost.ModelBytes("fashion-edge"), RegistryHost.CardAs("fashion-edge", model)));
        var created = await response.Content.ReadFromJsonAsync(RegistryJsonContext.Default.ModelVersion);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(created!.Envelope);
    }
}
