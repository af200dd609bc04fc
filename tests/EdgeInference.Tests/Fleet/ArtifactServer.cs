using HybridInference.Contracts.Registry;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// A real HTTP server on a loopback port answering the registry's artifact and version routes with whatever
/// bytes the test puts there, so an edge node can be handed a genuine artifact or a tampered one. Every version
/// it serves is signed by the test registry's key for <see cref="Signed"/> (fashion-cloud's committed artifact and card).
/// </summary>
public sealed class ArtifactServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ArtifactServer(WebApplication app) => _app = app;

    /// <summary>Bytes served per digest (<c>sha256:...</c>).</summary>
    public Dictionary<string, byte[]> Artifacts { get; } = new(StringComparer.Ordinal);

    public int Downloads { get; private set; }

    /// <summary>What the versions served are signed for: a digest and its size.</summary>
    public (string Digest, long Size) Signed { get; set; } =
        (Digest.OfFile(TestData.CloudOnnx).ToString(), new FileInfo(TestData.CloudOnnx).Length);

    public string Address => LoopbackApp.Address(_app).ToString().TrimEnd('/');

    public static async Task<ArtifactServer> StartAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        var app = builder.Build();
        var server = new ArtifactServer(app);
        app.MapGet("/api/artifacts/{digest}", (string digest) =>
        {
            server.Downloads++;
            return server.Artifacts.TryGetValue(digest, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound();
        });
        var card = File.ReadAllText(Path.Combine(TestData.Root, "models", "fashion-cloud", "1", "model-card.json"));
        app.MapGet("/api/models/{name}/versions/{version:int}", (string name, int version) =>
            SignedVersions.Answer(SignedVersions.Of(name, version, server.Signed.Digest, server.Signed.Size, card)));
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
