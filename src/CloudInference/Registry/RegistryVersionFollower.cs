using System.Globalization;
using System.Text.Json;
using HybridInference.Clients;
using HybridInference.Clients.Registry;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.Inference.Artifacts;
using HybridInference.Inference.Models;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Signing;
using Microsoft.Extensions.Options;

namespace HybridInference.CloudInference.Registry;

/// <summary>
/// Serves the versions the registry's aliases name (champion and challenger by default) beside each other, so
/// the router can split a model's cloud calls between them by weight (a cloud canary). Each version's signature
/// is verified first (<see cref="ModelVerifier"/>), then it is downloaded within the signed size and kept only when
/// its SHA-256 is the signed digest, like an edge node's; a version no alias names any more is unloaded;
/// unversioned requests go to the default alias's version. A registry that cannot be read changes nothing, and
/// neither does a refused version (unsigned, wrongly signed, tampered): it is counted in
/// <c>inference.model.refused</c> once, and the server keeps serving what it serves.
/// </summary>
public sealed partial class RegistryVersionFollower(
    ModelCatalog catalog,
    ModelSwapper swapper,
    IHttpClientFactory clients,
    ModelVerifier verifier,
    ModelTrustMetrics trust,
    IOptions<CloudRegistryOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<RegistryVersionFollower> logger) : BackgroundService
{
    public const string ClientName = "cloud-registry";

    private readonly SemaphoreSlim _gate = new(1, 1);

    // Versions this follower loaded, with their digests; repository versions are never unloaded by it.
    private readonly Dictionary<(string Model, long Version), string> _loaded = [];
    private readonly Dictionary<string, string> _repositoryDigests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly HashSet<(string Model, long Version, string Reason, string Digest)> _refused = [];

    private string Root => Path.GetFullPath(options.Value.CacheDirectory, environment.ContentRootPath);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FollowsRegistry)
        {
            LogNotFollowing();
            return;
        }

        // The repository's versions first: a registry version then only adds to a serving server.
        await catalog.Loaded.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), time);
        do
        {
            await SyncAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass over every followed model: load what the aliases name, unload what they no longer name.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var model in options.Value.Models)
            {
                try
                {
                    await SyncModelAsync(model, cancellationToken);
                }
                catch (Exception ex) when (ex is ApiException or HttpRequestException or JsonException or IOException or InvalidDataException or UnauthorizedAccessException or DigestMismatchException
                    || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // Once per distinct problem, not every poll: a registry away for an hour is one log line.
                    if (_reported.Add($"{model}: {ex.Message}"))
                    {
                        LogSyncFailed(model, ex.Message);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SyncModelAsync(string model, CancellationToken cancellationToken)
    {
        using var http = clients.CreateClient(ClientName);
        http.BaseAddress = new Uri(options.Value.RegistryAddress!);
        var registry = new RegistryModelsClient(http);
        Dictionary<string, ModelVersion> named = new(StringComparer.Ordinal);
        foreach (var alias in options.Value.Aliases)
        {
            if (await ReadAliasAsync(registry, model, alias, cancellationToken) is { } version)
            {
                named[alias] = version;
            }
        }

        var wanted = named.Values.DistinctBy(v => v.Version).ToList();
        var refused = false;
        foreach (var version in wanted)
        {
            try
            {
                await EnsureServedAsync(registry, version, cancellationToken);
            }
            catch (Exception ex) when (ex is ModelRefusedException or DigestMismatchException)
            {
                var reason = ex is ModelRefusedException r ? r.Reason : RefusalReasons.ArtifactDigest;
                if (_refused.Add((model, version.Version, reason, version.Digest)))
                {
                    trust.Refused(model, version.Version, reason);
                    LogRefused(model, version.Version, reason, ex.Message);
                }

                refused = true;
            }
        }

        // A refused version does not replace the one it was meant to replace: nothing is unloaded this pass.
        var stales = refused ? [] : _loaded.Keys.Where(k => k.Model == model && wanted.All(w => w.Version != k.Version)).ToList();
        foreach (var stale in stales)
        {
            swapper.Remove(model, stale.Version);
            _loaded.Remove(stale);
            LogUnloaded(model, stale.Version);
        }

        if (named.TryGetValue(options.Value.DefaultAlias, out var preferred))
        {
            var text = preferred.Version.ToString(CultureInfo.InvariantCulture);
            if (catalog.VersionsOf(model).Contains(text) && catalog.DefaultVersionOf(model) != text)
            {
                catalog.SetDefaultVersion(model, text);
                LogDefault(model, preferred.Version, options.Value.DefaultAlias);
            }
        }
    }

    private static async Task<ModelVersion?> ReadAliasAsync(RegistryModelsClient registry, string model, string alias, CancellationToken cancellationToken)
    {
        if (await registry.FindAliasAsync(model, alias, cancellationToken) is not { } found)
        {
            return null;
        }

        return Digest.IsValid(found.Digest)
            ? found
            : throw new InvalidDataException($"the registry's {model}@{alias} names '{found.Digest}', not a sha256 digest");
    }

    private async Task EnsureServedAsync(RegistryModelsClient registry, ModelVersion found, CancellationToken cancellationToken)
    {
        var (model, version, digest) = (found.Name, (long)found.Version, found.Digest);
        var key = (model, version);
        if (_loaded.TryGetValue(key, out var had) && had == digest)
        {
            return;
        }

        var signed = verifier.Verify(found, model, version, null);

        // The committed repository's version is usually the very artifact the registry seeded from it.
        if (!_loaded.ContainsKey(key)
            && catalog.All.FirstOrDefault(m => m.Name == model && m.Location.Version == version) is { } served
            && await RepositoryDigestAsync(served.Location, cancellationToken) == digest)
        {
            return;
        }

        var location = new ModelLocation(model, version, Path.Combine(Root, model, version.ToString(CultureInfo.InvariantCulture)));
        if (!File.Exists(location.OnnxPath) || (await Digest.OfFileAsync(location.OnnxPath, cancellationToken)).ToString() != digest)
        {
            var temporary = Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
            await RegistryArtifacts.DownloadAsync(registry, Digest.Parse(signed.Digest), signed.SizeBytes, temporary, cancellationToken);
            Directory.CreateDirectory(location.Directory);
            File.Move(temporary, location.OnnxPath, overwrite: true);
            if (found.Card.ValueKind != JsonValueKind.Undefined)
            {
                await File.WriteAllTextAsync(location.CardPath, found.Card.GetRawText(), cancellationToken);
            }
        }

        await Task.Run(() => swapper.LoadAndAdd(location), cancellationToken);
        _loaded[key] = digest;
        LogLoaded(model, version, digest);
    }

    private async Task<string> RepositoryDigestAsync(ModelLocation location, CancellationToken cancellationToken)
    {
        if (!_repositoryDigests.TryGetValue(location.OnnxPath, out var digest))
        {
            digest = (await Digest.OfFileAsync(location.OnnxPath, cancellationToken)).ToString();
            _repositoryDigests[location.OnnxPath] = digest;
        }

        return digest;
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Serving {Model} version {Version} ({Digest}) from the registry beside the other versions")]
    private partial void LogLoaded(string model, long version, string digest);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Unloaded {Model} version {Version}: no followed alias names it any more")]
    private partial void LogUnloaded(string model, long version);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "Unversioned requests for {Model} now go to version {Version} (alias {Alias})")]
    private partial void LogDefault(string model, long version, string alias);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "Could not follow the registry's aliases of {Model}: {Reason}; serving what was served")]
    private partial void LogSyncFailed(string model, string reason);

    [LoggerMessage(EventId = 805, Level = LogLevel.Error, Message = "Refused {Model} version {Version} ({Reason}): {Detail}; never loaded, serving what was served")]
    private partial void LogRefused(string model, long version, string reason, string detail);

    [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Not following the registry (no CloudRegistry:RegistryAddress or no CloudRegistry:Models): serving the repository only")]
    private partial void LogNotFollowing();
}
