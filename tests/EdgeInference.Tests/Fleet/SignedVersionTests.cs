using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.EdgeInference.Fleet;
using HybridInference.Inference.Models;
using HybridInference.Inference.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// A real edge node told by the real registry's fleet stream to run a version: a genuine signed version is
/// served; a tampered artifact, an oversized artifact, a tampered card, an unsigned record, a record signed by
/// another key and a statement of another version are each refused before loading, counted under their reason,
/// reported to the fleet, and the node keeps serving what it served.
/// </summary>
public sealed class SignedVersionTests(SignedFleet fleet) : IClassFixture<SignedFleet>
{
    [Fact]
    public async Task GenuineVersion_IsVerified_AndServed()
    {
        var (version, digest, _) = await DistinctVersions.RegisterAsync(fleet.Registry.Client);

        var report = await fleet.DesireAsync(version);

        Assert.Equal(ApplyOutcome.Applied, report.Status);
        Assert.Equal(digest, fleet.Running?.Digest);
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), await ServedVersionAsync());
    }

    [Fact]
    public async Task TamperedArtifact_IsRefused_AndThePreviousVersionKeepsServing()
    {
        var (version, digest, bytes) = await DistinctVersions.RegisterAsync(fleet.Registry.Client);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(ArtifactPath(digest), bytes);

        await AssertRefusedAsync(version, ApplyOutcome.DigestMismatch, RefusalReasons.ArtifactDigest);
    }

    [Fact]
    public async Task ArtifactLongerThanSigned_IsRefused_WithoutReadingItAll()
    {
        var (version, digest, bytes) = await DistinctVersions.RegisterAsync(fleet.Registry.Client);
        await File.WriteAllBytesAsync(ArtifactPath(digest), [.. bytes, .. new byte[4 * 1024 * 1024]]);

        var report = await AssertRefusedAsync(version, ApplyOutcome.Refused, RefusalReasons.ArtifactSize);

        Assert.Contains($"more than the {bytes.Length} bytes signed", report.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedCard_IsRefused_AndThePreviousVersionKeepsServing()
    {
        var (version, _, _) = await DistinctVersions.RegisterAsync(fleet.Registry.Client);
        var stored = (await fleet.Store.GetVersionAsync("fashion-edge", version))!;
        var card = JsonNode.Parse(stored.Card.GetRawText())!.AsObject();
        card["architecture"] = "tampered";
        await fleet.Store.SetEnvelopeAsync(stored with { Card = JsonSerializer.SerializeToElement(card) }, "intruder", "the card changed in the store");

        await AssertRefusedAsync(version, ApplyOutcome.Refused, RefusalReasons.CardMismatch);
    }

    [Fact]
    public async Task UnsignedVersion_IsRefused_AndThePreviousVersionKeepsServing()
    {
        var (version, _, _) = await DistinctVersions.RegisterAsync(fleet.Registry.Client);
        var stored = (await fleet.Store.GetVersionAsync("fashion-edge", version))!;
        await fleet.Store.SetEnvelopeAsync(stored with { Envelope = null }, "intruder", "envelope removed");

        await AssertRefusedAsync(version, ApplyOutcome.Refused, RefusalReasons.Unsigned);
    }

    [Fact]
    public async Task VersionSignedByAnotherKey_IsRefused_AndThePreviousVersionKeepsServing()
    {
        var (version, _, _) = await DistinctVersions.RegisterAsync(fleet.Registry.Client);
        var stored = (await fleet.Store.GetVersionAsync("fashion-edge", version))!;
        var statement = new ModelStatement(stored.Name, stored.Version, stored.Digest, stored.SizeBytes, CardDigest.Of(stored.Card));
        await fleet.Store.SetEnvelopeAsync(stored with { Envelope = ModelEnvelopes.Sign(statement, TestSigningKeys.Other) }, "intruder", "signed with a key of its own");

        await AssertRefusedAsync(version, ApplyOutcome.Refused, RefusalReasons.UnknownKey);
    }

    [Fact]
    public async Task EnvelopeOfAnotherVersion_IsRefused_AsAStatementMismatch()
    {
        var (version, _, _) = await DistinctVersions.RegisterAsync(fleet.Registry.Client);
        var stored = (await fleet.Store.GetVersionAsync("fashion-edge", version))!;
        var first = (await fleet.Store.GetVersionAsync("fashion-edge", 1))!;
        await fleet.Store.SetEnvelopeAsync(stored with { Envelope = first.Envelope }, "intruder", "version 1's genuine envelope");

        await AssertRefusedAsync(version, ApplyOutcome.Refused, RefusalReasons.StatementMismatch);
    }

    private async Task<StateReportRecord> AssertRefusedAsync(int version, string status, string reason)
    {
        var catalog = fleet.Edge.Services.GetRequiredService<ModelCatalog>();
        var servedBefore = catalog.Resolve("fashion-edge", null).Version;
        var runningBefore = fleet.Running;
        var countedBefore = fleet.Refusals.Total(ModelTrustMetrics.ReasonTag, reason);

        var report = await fleet.DesireAsync(version);

        Assert.Equal(status, report.Status);
        if (status == ApplyOutcome.Refused)
        {
            Assert.StartsWith(reason + ":", report.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(countedBefore + 1, fleet.Refusals.Total(ModelTrustMetrics.ReasonTag, reason));
        Assert.Equal(runningBefore, fleet.Running);
        Assert.Equal(servedBefore, catalog.Resolve("fashion-edge", null).Version);
        Assert.Equal(servedBefore, await ServedVersionAsync());
        Assert.False(Directory.Exists(Path.Combine(fleet.Edge.Settings["Fleet:CacheDirectory"]!, "edge-test", "fashion-edge", version.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return report;
    }

    private string ArtifactPath(string digest)
    {
        var hex = Digest.Parse(digest).Hex;
        return Path.Combine(fleet.Registry.ArtifactDirectory, "sha256", hex[..2], hex);
    }

    private async Task<string?> ServedVersionAsync()
    {
        using var client = fleet.Edge.CreateClient();
        using var response = await client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(TestData.InferBody(2), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("model_version").GetString();
    }
}
