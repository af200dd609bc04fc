using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridInference.Router.CloudVersions;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Router.Tests.CloudVersions;

/// <summary>The cloud weights admin endpoint over real HTTP handling, on a real store.</summary>
public sealed class CloudWeightsApiTests : IDisposable
{
    private readonly EmbeddedGarnet _garnet = new("127.0.0.1", FreePort.Next());

    public static TheoryData<string, string, HttpStatusCode, string> BadBodies => new()
    {
        { "application/json", """{"weights":{}}""", HttpStatusCode.BadRequest, "'weights' must name at least one cloud model version" },
        { "application/json", """{}""", HttpStatusCode.BadRequest, "'weights' must name at least one cloud model version" },
        { "application/json", "null", HttpStatusCode.BadRequest, "'weights' must name at least one cloud model version" },
        { "application/json", """{"weights":{"1":101}}""", HttpStatusCode.BadRequest, "the weight of version 1 must be in [0,100] (was 101)" },
        { "application/json", """{"weights":{"1":-5,"2":10}}""", HttpStatusCode.BadRequest, "the weight of version 1 must be in [0,100] (was -5)" },
        { "application/json", """{"weights":{"1":0,"2":0}}""", HttpStatusCode.BadRequest, "the weights sum to 0" },
        { "application/json", """{"weights":{"v1":95}}""", HttpStatusCode.BadRequest, "version 'v1' is not a version number" },
        { "application/json", """{"weights":{"0":95}}""", HttpStatusCode.BadRequest, "version '0' is not a version number" },
        { "application/json", """{"weights":{"-1":95}}""", HttpStatusCode.BadRequest, "version '-1' is not a version number" },
        { "application/json", """{"weights":{"1":95,"01":5}}""", HttpStatusCode.BadRequest, "version 1 is given twice" },
        { "application/json", """{"weights":{"1":"ninety"}}""", HttpStatusCode.BadRequest, "the body is not valid cloud weights" },
        { "application/json", """{"weights":{"1":95""", HttpStatusCode.BadRequest, "the body is not valid cloud weights" },
        { "text/plain", "1=95,2=5", HttpStatusCode.BadRequest, "expected a JSON body" },
        { "application/json", "{\"weights\":{" + string.Join(",", Enumerable.Range(1, 17).Select(v => $"\"{v}\":1")) + "}}", HttpStatusCode.BadRequest, "names 17 versions; at most 16" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadBody_Is400NamingTheProblem_AndChangesNothing(string contentType, string body, HttpStatusCode status, string expected)
    {
        await using var router = new RouterFactory($"127.0.0.1:{_garnet.Port}", "hi");
        using var client = router.CreateClient();

        using var response = await client.PutAsync("/admin/routing/models/fashion/cloud-weights", new StringContent(body, Encoding.UTF8, contentType));
        var after = await client.GetFromJsonAsync<JsonElement>("/admin/routing/models/fashion/cloud-weights");

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("weights").ValueKind);
    }

    [Fact]
    public async Task Put_SetsTheSplit_GetReadsIt_DeleteClearsIt_AndCallsFollow()
    {
        await using var router = new RouterFactory($"127.0.0.1:{_garnet.Port}", "hi");
        using var client = router.CreateClient();

        using var put = await client.PutAsJsonAsync("/admin/routing/models/fashion/cloud-weights", new { weights = new Dictionary<string, double> { ["1"] = 95, ["2"] = 5 } });
        var set = await put.Content.ReadFromJsonAsync<JsonElement>();
        var read = await client.GetFromJsonAsync<JsonElement>("/admin/routing/models/fashion/cloud-weights");
        var picks = Enumerable.Range(0, 2_000).Select(_ => router.Services.GetRequiredService<CloudVersionWeights>().Pick("fashion")).ToList();
        using var delete = await client.DeleteAsync("/admin/routing/models/fashion/cloud-weights");
        var cleared = await client.GetFromJsonAsync<JsonElement>("/admin/routing/models/fashion/cloud-weights");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("fashion-cloud", set.GetProperty("cloudModel").GetString());
        Assert.Equal(95, read.GetProperty("weights").GetProperty("1").GetDouble());
        Assert.Equal(5, read.GetProperty("weights").GetProperty("2").GetDouble());
        Assert.InRange(picks.Count(p => p == 2), 40, 180);
        Assert.Equal(picks.Count, picks.Count(p => p is 1 or 2));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("weights").ValueKind);
        Assert.Null(router.Services.GetRequiredService<CloudVersionWeights>().Pick("fashion"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task UnknownModel_Is404NamingTheRoutedModels(string method)
    {
        await using var router = new RouterFactory($"127.0.0.1:{_garnet.Port}", "hi");
        using var client = router.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/admin/routing/models/Fashion/cloud-weights")
        {
            Content = method == "PUT" ? JsonContent.Create(new { weights = new Dictionary<string, double> { ["1"] = 100 } }) : null,
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("model 'Fashion' is not routed; routed models: fashion", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _garnet.Dispose();
}
