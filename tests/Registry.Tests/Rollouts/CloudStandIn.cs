using System.Collections.Concurrent;
using System.Text.Json;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>
/// A real HTTP peer in the places of the router's cloud-weights admin API (route <c>fashion</c> asking
/// <c>fashion-cloud</c>) and the cloud server's version readiness, recording every weights change, so a test
/// can see exactly what a cloud rollout set and when, and decide when the cloud serves the candidate.
/// </summary>
public sealed class CloudStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CloudStandIn(WebApplication app) => _app = app;

    /// <summary>Every weights body the router got, in order.</summary>
    public ConcurrentQueue<Dictionary<string, double>> Puts { get; } = new();

    /// <summary>The versions of fashion-cloud the cloud answers ready for.</summary>
    public ConcurrentDictionary<string, bool> Served { get; } = new(StringComparer.Ordinal);

    public string Address => LoopbackApp.Address(_app).ToString().TrimEnd('/');

    public Dictionary<string, double>? Last => Puts.LastOrDefault();

    public static async Task<CloudStandIn> StartAsync()
    {
        var app = LoopbackApp.CreateBuilder().Build();
        var standIn = new CloudStandIn(app);
        app.MapGet("/admin/routing/models/{route}/cloud-weights", (string route) => route == "fashion"
            ? Results.Json(new { model = route, cloudModel = "fashion-cloud", weights = standIn.Last })
            : Results.Problem(detail: $"model '{route}' is not routed", statusCode: 404));
        app.MapPut("/admin/routing/models/{route}/cloud-weights", async (string route, HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            standIn.Puts.Enqueue(body.GetProperty("weights").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()));
            // As the router answers: the split now in effect.
            return Results.Json(new { model = route, cloudModel = "fashion-cloud", weights = standIn.Last });
        });
        app.MapGet("/v2/models/{model}/versions/{version}/ready", (string model, string version) =>
            Results.Json(new { name = model, ready = model == "fashion-cloud" && standIn.Served.ContainsKey(version) }));
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
