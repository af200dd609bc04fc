using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Clients.Tests;

public sealed class ApiCallsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = LoopbackApp.CreateBuilder().Build();
        _app.MapGet("/thing", () => Results.Json(new Thing("a", 1)));
        _app.MapGet("/missing", () => Results.Problem(detail: "model 'x' is not registered", statusCode: 404));
        _app.MapGet("/plain", () => Results.Text("the store is down", statusCode: 503));
        _app.MapGet("/not-json", () => Results.Text("<html>", "application/json"));
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = LoopbackApp.Address(_app) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_Success_ReadsTheContractType()
    {
        var thing = await ApiCalls.GetAsync(_http, "/thing", TestJson.Default.Thing, "test", default);

        Assert.Equal(new Thing("a", 1), thing);
    }

    [Fact]
    public async Task GetAsync_ProblemAnswer_ThrowsWithTheProblemsDetail()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => ApiCalls.GetAsync(_http, "/missing", TestJson.Default.Thing, "registry", default));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("model 'x' is not registered", ex.Detail);
        Assert.False(ex.Unreachable);
        Assert.Equal("registry answered 404: model 'x' is not registered", ex.Message);
    }

    [Fact]
    public async Task GetAsync_PlainErrorBody_TheBodyIsTheDetail()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => ApiCalls.GetAsync(_http, "/plain", TestJson.Default.Thing, "router", default));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("the store is down", ex.Detail);
    }

    [Fact]
    public async Task GetAsync_BodyOfAnotherShape_ThrowsNamingTheType()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => ApiCalls.GetAsync(_http, "/not-json", TestJson.Default.Thing, "router", default));

        Assert.Contains("not a Thing", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_NobodyListening_IsUnreachable()
    {
        using var port = new ReservedPort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.Port}") };

        var ex = await Assert.ThrowsAsync<ApiException>(() => ApiCalls.GetAsync(http, "/thing", TestJson.Default.Thing, "chaoslab", default));

        Assert.True(ex.Unreachable);
        Assert.Null(ex.StatusCode);
        Assert.StartsWith($"chaoslab at http://127.0.0.1:{port.Port}/thing could not be reached", ex.Message, StringComparison.Ordinal);
    }
}

public sealed record Thing(string Name, int Count);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Thing))]
public sealed partial class TestJson : JsonSerializerContext;
