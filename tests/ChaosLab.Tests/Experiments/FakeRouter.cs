using HybridInference.TestSupport;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.ChaosLab.Tests.Experiments;

/// <summary>
/// A stand-in router on a real loopback Kestrel port: answers infer requests with the label as the top class
/// (or a fixed error status), and keeps a prediction log of what it answered, minus the ids told to lose.
/// It also stands in for the registry's <c>GET /api/rollouts/{id}</c>, so a run can follow a rollout.
/// </summary>
internal sealed class FakeRouter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _logged = new();

    private FakeRouter(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>0: answer 200; otherwise answer every infer request with this status.</summary>
    public int FailWith { get; set; }

    /// <summary>What <c>GET /admin/edges</c> answers (the router's view of its nodes); null: 404, as a router without it.</summary>
    public string? Edges { get; set; }

    /// <summary>The <c>edge_model_version</c> its answers name (they all come from <c>edge-1</c>).</summary>
    public string? EdgeModelVersion { get; set; }

    /// <summary>What <c>GET /api/rollouts/{id}</c> answers, by id; an id not here: 404.</summary>
    public ConcurrentDictionary<string, string> Rollouts { get; } = new();

    /// <summary>Requests whose id ends with this are answered but never logged: a lost record.</summary>
    public string? LoseSuffix { get; set; }

    public static async Task<FakeRouter> StartAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        var app = builder.Build();
        var router = new FakeRouter(app);
        app.MapPost("/v2/models/fashion/infer", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            if (router.FailWith != 0)
            {
                return Results.Json(new { error = "down" }, statusCode: router.FailWith);
            }

            var id = body["id"]!.GetValue<string>();
            var label = int.Parse(body["parameters"]!["labels"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            if (router.LoseSuffix is not { } suffix || !id.EndsWith(suffix, StringComparison.Ordinal))
            {
                router._logged[id] = true;
            }

            var probabilities = Enumerable.Range(0, 10).Select(c => c == label ? 0.91 : 0.01).ToArray();
            return Results.Json(new
            {
                model_name = "fashion",
                id,
                outputs = new[] { new { name = "probabilities", shape = new[] { 1, 10 }, datatype = "FP32", data = probabilities } },
                parameters = new { tier = "edge", edge_node = "edge-1", edge_model_version = router.EdgeModelVersion },
            });
        });
        app.MapGet("/api/rollouts/{id}", (string id) => router.Rollouts.TryGetValue(id, out var rollout) ? Results.Text(rollout, "application/json") : Results.NotFound());
        app.MapGet("/admin/edges", () => router.Edges is { } edges ? Results.Text(edges, "application/json") : Results.NotFound());
        app.MapGet("/admin/predictions/{id}", (string id) => router._logged.ContainsKey(id) ? Results.Ok(new { requestId = id }) : Results.NotFound());
        await app.StartAsync();
        router.Address = LoopbackApp.Address(app);
        return router;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
