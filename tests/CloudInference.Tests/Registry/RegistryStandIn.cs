using System.Collections.Concurrent;
using System.Security.Cryptography;
using HybridInference.Contracts.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.CloudInference.Tests.Registry;

/// <summary>
/// A real HTTP server on a loopback port answering the registry's alias, version and artifact routes with
/// whatever the test puts there, so the cloud can be handed a genuine artifact or a tampered one. Every alias
/// answers a version signed by the test registry's key for the committed artifact of that digest (its size) and
/// fashion-edge's card; <see cref="Forge"/> replaces that answer.
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

    /// <summary>Rewrites the version record an alias answers (a wrong key, no envelope, another card), when set.</summary>
    public Func<ModelVersion, ModelVersion>? Forge { get; set; }

    private static readonly Dictionary<string, long> CommittedSizes = new[] { TestData.CloudOnnx, TestData.EdgeOnnx }
        .ToDictionary(path => DigestOf(File.ReadAllBytes(path)), path => new FileInfo(path).Length, StringComparer.Ordinal);

    /// <summary>fashion-edge's committed card, which every version answered carries.</summary>
    public static string Card { get; } = File.ReadAllText(Path.Combine(TestData.Root, "models", "fashion-edge", "1", "model-card.json"));

    public string Address => LoopbackApp.Address(_app).ToString().TrimEnd('/');

    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<RegistryStandIn> StartAsync()
    {
        var app = LoopbackApp.CreateBuilder().Build();
        var server = new RegistryStandIn(app);
        app.MapGet("/api/models/fashion-cloud/aliases/{alias}", (string alias) => server.Aliases.TryGetValue(alias, out var v)
            ? SignedVersions.Answer((server.Forge ?? (x => x))(SignedVersions.Of("fashion-cloud", v.Version, v.Digest, CommittedSizes.GetValueOrDefault(v.Digest), Card)))
            : Results.Problem(detail: $"model 'fashion-cloud' has no alias '{alias}'", statusCode: 404));
        app.MapGet("/api/artifacts/{digest}", (string digest) =>
        {
            server.Downloads++;
            return server.Artifacts.TryGetValue(digest, out var bytes) ? Results.Bytes(bytes, "application/octet-stream") : Results.NotFound();
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
