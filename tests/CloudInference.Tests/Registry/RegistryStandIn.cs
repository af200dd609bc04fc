using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.CloudInference.Tests.Registry;

/// <summary>
/// A real HTTP server on a loopback port answering the registry's alias, version and artifact routes with
/// whatever the test puts there, so the cloud can be handed a genuine artifact or a tampered one.
/// </summary>
public sealed class RegistryStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryStandIn(WebApplication app) => _app = app;

    /// <summary>fashion-cloud's aliases: alias to (version, digest).</summary>
    public ConcurrentDictionary<string, (int Version, string Digest)> Aliases { get; } = new(StringComparer.Ordinal);

    /// <summary>Bytes served per digest.</summary>
    public ConcurrentDictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    public int Downloads { get; private set; }

    public string Address => LoopbackApp.Address(_app).ToString().TrimEnd('/');

    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<RegistryStandIn> StartAsync()
    {
        var app = LoopbackApp.CreateBuilder().Build();
        var server = new RegistryStandIn(app);
        app.MapGet("/api/models/fashion-cloud/aliases/{alias}", (string alias) => server.Aliases.TryGetValue(alias, out var v)
            ? Results.Json(new { name = "fashion-cloud", version = v.Version, digest = v.Digest })
            : Results.Problem(detail: $"model 'fashion-cloud' has no alias '{alias}'", statusCode: 404));
        app.MapGet("/api/artifacts/{digest}", (string digest) =>
        {
            server.Downloads++;
            return server.Artifacts.TryGetValue(digest, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound();
        });
        app.MapGet("/api/models/{name}/versions/{version}", () =>
            Results.Text("{\"card\":" + File.ReadAllText(Path.Combine(TestData.Root, "models", "fashion-edge", "1", "model-card.json")) + "}", "application/json"));
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
