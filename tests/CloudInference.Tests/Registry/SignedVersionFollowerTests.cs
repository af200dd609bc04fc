using HybridInference.CloudInference.Registry;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.Inference.Models;
using HybridInference.Inference.Signing;
using HybridInference.Inference.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.CloudInference.Tests.Registry;

/// <summary>
/// The cloud server following a challenger whose record is unsigned, signed by another key, carries another card
/// or another version's statement: never downloaded or served, counted once under its reason however often the
/// alias is read, the champion keeps answering; a genuine one is served.
/// </summary>
public sealed class SignedVersionFollowerTests : IAsyncLifetime
{
    private static readonly byte[] CloudBytes = File.ReadAllBytes(TestData.CloudOnnx);
    private static readonly byte[] EdgeBytes = File.ReadAllBytes(TestData.EdgeOnnx);

    private RegistryStandIn _registry = null!;
    private readonly string _cache = Directory.CreateTempSubdirectory("hi-cloud-signed-").FullName;

    public async Task InitializeAsync()
    {
        _registry = await RegistryStandIn.StartAsync();
        _registry.Artifacts[RegistryStandIn.DigestOf(CloudBytes)] = CloudBytes;
        _registry.Artifacts[RegistryStandIn.DigestOf(EdgeBytes)] = EdgeBytes;
        _registry.Aliases["champion"] = (1, RegistryStandIn.DigestOf(CloudBytes));
        _registry.Aliases["challenger"] = (3, RegistryStandIn.DigestOf(EdgeBytes));
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    public static TheoryData<string> Forgeries => ["unsigned", "other-key", "card", "statement"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task ForgedChallenger_IsNeverServed_CountedOnce_AndTheChampionKeepsAnswering(string forgery)
    {
        _registry.Forge = version => version.Version != 3 ? version : forgery switch
        {
            "unsigned" => version with { Envelope = null },
            "other-key" => version with { Envelope = ModelEnvelopes.Sign(new ModelStatement(version.Name, version.Version, version.Digest, version.SizeBytes, CardDigest.Of(version.Card)), TestSigningKeys.Other) },
            "card" => version with { Card = System.Text.Json.JsonSerializer.SerializeToElement(new { name = "fashion-cloud", architecture = "tampered" }) },
            "statement" => version with { Envelope = ModelEnvelopes.Sign(new ModelStatement(version.Name, 4, version.Digest, version.SizeBytes, CardDigest.Of(version.Card)), TestSigningKeys.Registry) },
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        var reason = forgery switch
        {
            "unsigned" => RefusalReasons.Unsigned,
            "other-key" => RefusalReasons.UnknownKey,
            "card" => RefusalReasons.CardMismatch,
            _ => RefusalReasons.StatementMismatch,
        };
        // Listening before the server starts: its follower syncs once at start, and a refusal is counted once, by
        // whichever sync sees the record first. Only this class forges fashion-cloud v3.
        using var refusals = new CounterRecorder(HybridInference.ServiceDefaults.Telemetry.SourceName, ModelTrustMetrics.RefusedName);
        await using var cloud = await StartAsync();
        var follower = cloud.Services.GetRequiredService<RegistryVersionFollower>();

        await follower.SyncAsync(CancellationToken.None);
        await follower.SyncAsync(CancellationToken.None);

        var catalog = cloud.Services.GetRequiredService<ModelCatalog>();
        Assert.Equal(["2", "1"], catalog.VersionsOf("fashion-cloud"));
        Assert.Equal("1", catalog.Resolve("fashion-cloud", null).Version);
        Assert.Equal(0, _registry.Downloads);
        Assert.Equal(1, refusals.Total((InferenceMetrics.ModelTag, "fashion-cloud"), (InferenceMetrics.VersionTag, "3"), (ModelTrustMetrics.ReasonTag, reason)));
        Assert.False(Directory.Exists(Path.Combine(_cache, "fashion-cloud", "3")));
    }

    [Fact]
    public async Task RefusedChampion_LeavesThePreviousChampionServingAndTheDefault()
    {
        await using var cloud = await StartAsync();
        var follower = cloud.Services.GetRequiredService<RegistryVersionFollower>();
        await follower.SyncAsync(CancellationToken.None);
        Assert.Contains("3", cloud.Services.GetRequiredService<ModelCatalog>().VersionsOf("fashion-cloud"));

        // The champion moves to a version the registry did not sign: nothing is unloaded, the default stays.
        _registry.Aliases["champion"] = (5, RegistryStandIn.DigestOf(EdgeBytes));
        _registry.Aliases.TryRemove("challenger", out _);
        _registry.Forge = version => version.Version == 5 ? version with { Envelope = null } : version;
        await follower.SyncAsync(CancellationToken.None);

        var catalog = cloud.Services.GetRequiredService<ModelCatalog>();
        Assert.Equal(["3", "2", "1"], catalog.VersionsOf("fashion-cloud"));
        Assert.Equal("1", catalog.Resolve("fashion-cloud", null).Version);
    }

    private async Task<CloudFactory> StartAsync()
    {
        var cloud = new CloudFactory();
        cloud.Settings["CloudRegistry:RegistryAddress"] = _registry.Address;
        cloud.Settings["CloudRegistry:Models:0"] = "fashion-cloud";
        cloud.Settings["CloudRegistry:CacheDirectory"] = _cache;
        cloud.Settings["CloudRegistry:PollSeconds"] = "3600";
        await cloud.InitializeAsync();
        return cloud;
    }
}
