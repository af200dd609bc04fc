using HybridInference.Contracts.Security;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.TestSupport;

namespace HybridInference.Registry.Tests.Apis;

public sealed class ModelsApiTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    public static TheoryData<string> Stores => StoreBackends.Available();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Seed_ImportsCommittedModels_WithChampionAlias(string store)
    {
        using var client = await host.ClientAsync(store);

        var models = await client.GetFromJsonAsync<string[]>("/api/models");
        var champion = await client.GetFromJsonAsync<JsonElement>("/api/models/fashion-edge/aliases/champion");

        Assert.Contains("fashion-edge", models!);
        Assert.Contains("fashion-cloud", models!);
        Assert.Equal(1, champion.GetProperty("version").GetInt32());
        Assert.StartsWith("sha256:", champion.GetProperty("digest").GetString(), StringComparison.Ordinal);
        Assert.Equal("input", champion.GetProperty("inputs")[0].GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Register_KnownContent_ReturnsExistingVersion(string store)
    {
        using var client = await host.ClientAsync(store);

        using var response = await client.PostAsync("/api/models/fashion-edge/versions",
            RegistryHost.Form(RegistryHost.ModelBytes("fashion-edge"), RegistryHost.Card("fashion-edge")));
        var body = await RegistryHost.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Register_NewContent_IncrementsVersion_KeepsLineageAndTags(string store)
    {
        using var client = await host.ClientAsync(store);
        const string model = "lineage-demo";

        using var first = await client.PostAsync($"/api/models/{model}/versions",
            RegistryHost.Form(RegistryHost.ModelBytes("fashion-edge"), RegistryHost.CardAs("fashion-edge", model)));
        using var second = await client.PostAsync($"/api/models/{model}/versions",
            RegistryHost.Form(RegistryHost.ModelBytes("fashion-cloud"), RegistryHost.CardAs("fashion-cloud", model), parent: "1", tags: "{\"team\":\"vision\"}"));
        var body = await RegistryHost.JsonAsync(second);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal($"/api/models/{model}/versions/2", second.Headers.Location?.ToString());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal(1, body.GetProperty("parentVersion").GetInt32());
        Assert.Equal("vision", body.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal("operator", body.GetProperty("registeredBy").GetString());

        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/models/{model}");
        Assert.Equal(2, summary.GetProperty("latestVersion").GetInt32());
        Assert.Equal(2, summary.GetProperty("versions").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Alias_MoveIsAudited_AndConditionalMovesDetectConflicts(string store)
    {
        using var client = await host.ClientAsync(store);
        const string model = "alias-demo";
        await client.PostAsync($"/api/models/{model}/versions", RegistryHost.Form(RegistryHost.ModelBytes("fashion-edge"), RegistryHost.CardAs("fashion-edge", model)));
        await client.PostAsync($"/api/models/{model}/versions", RegistryHost.Form(RegistryHost.ModelBytes("fashion-cloud"), RegistryHost.CardAs("fashion-cloud", model)));

        using var toOne = await client.PutAsJsonAsync($"/api/models/{model}/aliases/champion", new { version = 1, actor = "alice", reason = "first" });
        // Bob's token moves it; the body names someone else, which the audit trail must not believe.
        using var bob = (await host.FactoryAsync(store)).CreateClient().Authorize(TestAuth.Token("bob", [Scopes.ModelsWrite]));
        using var toTwo = await bob.PutAsJsonAsync($"/api/models/{model}/aliases/champion", new { version = 2, actor = "mallory", reason = "better accuracy", expectedVersion = 1 });
        using var stale = await client.PutAsJsonAsync($"/api/models/{model}/aliases/champion", new { version = 1, actor = "carol", expectedVersion = 1 });
        var resolved = await client.GetFromJsonAsync<JsonElement>($"/api/models/{model}/aliases/champion");
        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/models/{model}/audit");

        Assert.Equal(HttpStatusCode.OK, toOne.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toTwo.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, resolved.GetProperty("version").GetInt32());
        var latest = audit[0];
        Assert.Equal("alias-moved", latest.GetProperty("action").GetString());
        Assert.Equal(("champion", 1, 2, "bob", "better accuracy"), (
            latest.GetProperty("alias").GetString(), latest.GetProperty("from").GetInt32(), latest.GetProperty("to").GetInt32(),
            latest.GetProperty("actor").GetString(), latest.GetProperty("reason").GetString()));

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/models/{model}/aliases/champion");
        delete.Headers.Add("X-Actor", "dave");
        using var deleted = await client.SendAsync(delete);
        using var gone = await client.GetAsync($"/api/models/{model}/aliases/champion");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("champion", 99, "alice", HttpStatusCode.NotFound, "version 99")]
    [InlineData("Not An Alias", 1, "alice", HttpStatusCode.BadRequest, "alias 'Not An Alias' is invalid")]
    public async Task Alias_BadRequests_AreRejectedWithReason(string alias, int version, string? actor, HttpStatusCode status, string expected)
    {
        using var client = await host.ClientAsync();

        using var response = await client.PutAsJsonAsync($"/api/models/fashion-edge/aliases/{Uri.EscapeDataString(alias)}", new { version, actor });

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownModelOrVersion_Returns404()
    {
        using var client = await host.ClientAsync();

        using var model = await client.GetAsync("/api/models/nope");
        using var version = await client.GetAsync("/api/models/fashion-edge/versions/42");

        Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        Assert.Contains("version 42", await version.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheRegistry()
    {
        using var client = await host.ClientAsync();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/models/{name}/versions", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/artifacts/{digest}", out _));
    }
}
