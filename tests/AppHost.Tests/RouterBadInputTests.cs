using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using HybridInference.TestSupport;
using HybridInference.Training.Data;

namespace HybridInference.AppHost.Tests;

/// <summary>
/// Bad requests get the inference servers' 4xx and <c>{"error"}</c> body from the router itself, and the
/// router keeps answering good requests afterwards.
/// </summary>
[Collection(MeshCollection.Name)]
public sealed class RouterBadInputTests(GarnetApp app)
{
    private static readonly ImageSet Images = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);

    [Theory]
    [InlineData("", 400, "empty")]
    [InlineData("{\"inputs\": [", 400, "malformed JSON")]
    [InlineData("null", 400, "JSON null")]
    [InlineData("{}", 400, "no 'inputs'")]
    [InlineData("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}", 400, "expects [-1, 784]")]
    [InlineData("{\"inputs\":[{\"name\":\"pixels\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":[1]}]}", 400, "pixels")]
    [InlineData("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,784],\"datatype\":\"FP32\",\"data\":[1]}]}", 400, "has 1 data elements")]
    public async Task Infer_BadBody_Is4xxWithTheReason(string body, int status, string expected)
    {
        using var router = app.Client("router", "http");

        using var response = await router.PostAsync("/v2/models/fashion/infer", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(expected, error.GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertStillAnswersAsync(router);
    }

    [Fact]
    public async Task Infer_UnknownModel_Is404NamingTheServedModels()
    {
        using var router = app.Client("router", "http");

        var (response, body) = await PostAsync(router, "/v2/models/cats/infer", OipClient.Request(Images, 0, 1, "unknown-model").ToJsonString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("the router serves: fashion", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_RequestIdReusedForAnotherImage_Is409_SameRequestAgainIsAnswered()
    {
        using var router = app.Client("router", "http");
        var first = OipClient.Request(Images, 0, 1, "reused-id", labels: false).ToJsonString();

        var (ok, _) = await PostAsync(router, "/v2/models/fashion/infer", first);
        var (retry, _) = await PostAsync(router, "/v2/models/fashion/infer", first);
        var (conflict, body) = await PostAsync(router, "/v2/models/fashion/infer", OipClient.Request(Images, 1, 1, "reused-id", labels: false).ToJsonString());

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("'reused-id' was already used", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_LabelsNotMatchingTheBatch_Is400()
    {
        using var router = app.Client("router", "http");
        var request = OipClient.Request(Images, 0, 2, "bad-labels", labels: false);
        request["parameters"] = new System.Text.Json.Nodes.JsonObject { ["labels"] = "1" };

        var (response, body) = await PostAsync(router, "/v2/models/fashion/infer", request.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'labels' must be 2", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_PrivateRequest_StaysOnTheEdge_EvenWhenUnsure()
    {
        using var router = app.Client("router", "http");
        var request = OipClient.Request(Images, 0, 64, "private-batch", labels: false);
        request["parameters"] = new System.Text.Json.Nodes.JsonObject { ["private"] = true };

        var (response, body) = await PostAsync(router, "/v2/models/fashion/infer", request.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("cloud", body.GetProperty("parameters").GetProperty("tiers").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertStillAnswersAsync(HttpClient router)
    {
        var (response, body) = await PostAsync(router, "/v2/models/fashion/infer", OipClient.Request(Images, 5, 1, "after-" + Guid.NewGuid().ToString("N"), labels: false).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, body.GetProperty("outputs")[0].GetProperty("data").GetArrayLength());
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient router, string path, string json)
    {
        var response = await router.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
