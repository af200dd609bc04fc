using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HybridInference.Clients.Registry;
using HybridInference.Contracts.Registry;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Clients.Tests.Registry;

/// <summary>The typed client against the real registry: every call, the registry's refusals, and no registry at all.</summary>
public sealed class RegistryModelsClientTests(RegistryServer server) : IClassFixture<RegistryServer>
{
    private const string Actor = "client-test";

    [Fact]
    public async Task ListModels_Seeded_NamesTheCommittedModelsSorted()
    {
        var models = await server.Client().ListModelsAsync();

        // Other tests of this class register more models: the seeded two are there, in order.
        Assert.Equal(["fashion-cloud", "fashion-edge"], models.Where(m => m.StartsWith("fashion-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetModel_Seeded_VersionsAndChampion()
    {
        var model = await server.Client().GetModelAsync("fashion-edge");

        Assert.Equal("fashion-edge", model.Name);
        Assert.Equal(1, model.LatestVersion);
        Assert.Equal(1, model.Aliases[ModelAliases.Champion]);
        var version = Assert.Single(model.Versions);
        Assert.True(Digest.IsValid(version.Digest), version.Digest);
        Assert.Equal("input", Assert.Single(version.Inputs).Name);
        Assert.Equal("seed", version.RegisteredBy);
    }

    [Fact]
    public async Task GetVersion_CardReadsAsTheContract()
    {
        var version = await server.Client().GetVersionAsync("fashion-cloud", 1);
        var card = System.Text.Json.JsonSerializer.Deserialize(version.Card, RegistryJsonContext.Default.ModelCard);

        Assert.NotNull(card);
        Assert.Equal("fashion-cloud", card.Name);
        Assert.Equal(version.Digest, "sha256:" + card.File.Sha256);
        Assert.Equal(10, card.Dataset.ClassNames.Count);
    }

    [Fact]
    public async Task GetVersion_Unknown_404WithTheRegistrysDetail()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => server.Client().GetVersionAsync("fashion-edge", 99));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("version 99 of model 'fashion-edge' does not exist", ex.Detail);
    }

    [Fact]
    public async Task GetModel_Unknown_404()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => server.Client().GetModelAsync("no-such-model"));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("'no-such-model' is not registered", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAlias_Missing_Null_GetAlias_404()
    {
        var client = server.Client();

        Assert.Null(await client.FindAliasAsync("fashion-edge", "nobody"));
        var ex = await Assert.ThrowsAsync<ApiException>(() => client.GetAliasAsync("fashion-edge", "nobody"));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Register_MoveRemoveAlias_AuditNamesTheActor()
    {
        var client = server.Client();
        var registered = await RegisterCopyAsync(client, "client-flow");

        var moved = await client.MoveAliasAsync("client-flow", ModelAliases.Challenger, registered.Version, Actor, "tried by the client tests");
        var named = await client.GetAliasAsync("client-flow", ModelAliases.Challenger);
        await client.RemoveAliasAsync("client-flow", ModelAliases.Challenger, Actor, "done");
        var audit = await client.AuditAsync("client-flow", count: 10);

        Assert.Equal(registered.Version, moved.Version);
        Assert.Equal(registered.Digest, named.Digest);
        Assert.Null(await client.FindAliasAsync("client-flow", ModelAliases.Challenger));
        Assert.Equal(["alias-removed", "alias-moved", "registered"], audit.Select(e => e.Action));
        // The audit trail names the token's subject, whatever actor the call states.
        Assert.All(audit, e => Assert.Equal("operator", e.Actor));
        Assert.Equal("tried by the client tests", audit[1].Reason);
        Assert.Equal(registered.Version, audit[1].To);
    }

    [Fact]
    public async Task Register_SameBytesAgain_TheSameVersion_TagsKept()
    {
        var client = server.Client();
        var first = await RegisterCopyAsync(client, "client-dedupe", tags: new Dictionary<string, string> { ["team"] = "clients" });
        var again = await RegisterCopyAsync(client, "client-dedupe");

        Assert.Equal(first.Version, again.Version);
        Assert.Equal("clients", first.Tags["team"]);
        Assert.Equal("operator", first.RegisteredBy);
    }

    [Fact]
    public async Task Register_IncompleteCard_422ListsTheProblems()
    {
        using var onnx = File.OpenRead(RepositoryRoot.Combine("models", "fashion-edge", "1", "model.onnx"));

        var ex = await Assert.ThrowsAsync<ApiException>(() => server.Client().RegisterVersionAsync("client-bad-card", onnx, """{"name":"client-bad-card"}""", Actor));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, ex.StatusCode);
        Assert.Contains("card.evaluation.testAccuracy", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("card.file.sha256", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveAlias_StaleExpectedVersion_409()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => server.Client().MoveAliasAsync("fashion-edge", ModelAliases.Champion, 1, Actor, expectedVersion: 7));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Contains("not version 7 as expected", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenArtifact_ByDigest_TheBytesOfThatDigest()
    {
        var client = server.Client();
        var version = await client.GetVersionAsync("fashion-edge", 1);

        await using var stream = await client.OpenArtifactAsync(Digest.Parse(version.Digest));
        var hash = await SHA256.HashDataAsync(stream);

        Assert.Equal(version.Digest, Digest.Of(hash).ToString());
    }

    [Fact]
    public async Task OpenArtifact_Unknown_404()
    {
        var unknown = Digest.Of(new byte[SHA256.HashSizeInBytes]);

        var ex = await Assert.ThrowsAsync<ApiException>(() => server.Client().OpenArtifactAsync(unknown));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains("no artifact", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_NoRegistry_Unreachable()
    {
        using var port = new ReservedPort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.Port}/") };

        var ex = await Assert.ThrowsAsync<ApiException>(() => new RegistryModelsClient(http).ListModelsAsync());

        Assert.True(ex.Unreachable);
        Assert.Equal(RegistryModelsClient.Service, ex.Service);
    }

    [Fact]
    public async Task AddRegistryModelsClient_FromTheContainer_ReachesTheConfiguredRegistry()
    {
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddRegistryModelsClient((_, http) => http.BaseAddress = new Uri("http://registry/"))
            .ConfigurePrimaryHttpMessageHandler(server.Handler);
        await using var provider = services.BuildServiceProvider();

        var models = await provider.GetRequiredService<RegistryModelsClient>().ListModelsAsync();

        Assert.Contains("fashion-edge", models);
    }

    private static async Task<ModelVersion> RegisterCopyAsync(RegistryModelsClient client, string model, IReadOnlyDictionary<string, string>? tags = null)
    {
        var card = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("models", "fashion-edge", "1", "model-card.json")))!.AsObject();
        card["name"] = model;
        using var onnx = File.OpenRead(RepositoryRoot.Combine("models", "fashion-edge", "1", "model.onnx"));
        return await client.RegisterVersionAsync(model, onnx, card.ToJsonString(), Actor, tags: tags);
    }
}
