using System.Globalization;
using System.Text.Json;
using HybridInference.Clients;
using HybridInference.Clients.Registry;
using HybridInference.Contracts.Registry;
using HybridInference.Inference.Artifacts;
using HybridInference.Inference.Models;
using HybridInference.Inference.Repository;
using Microsoft.Extensions.Options;

namespace HybridInference.CloudInference.Registry;

/// <summary>
/// Serves the versions the registry's aliases name (champion and challenger by default) beside each other, so
/// the router can split a model's cloud calls between them by weight (a cloud canary). Each version is
/// downloaded by digest and kept only when its SHA-256 matches, like an edge node's; a version no alias names
/// any more is unloaded; unversioned requests go to the default alias's version. A registry that cannot be read
/// changes nothing: the server keeps serving what it serves.
/// </summary>
public sealed partial class RegistryVersionFollower(
    ModelCatalog catalog,
    ModelSwapper swapper,
    IHttpClientFactory clients,
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
        Dictionary<string, (long Version, string Digest)> named = new(StringComparer.Ordinal);
        foreach (var alias in options.Value.Aliases)
        {
            if (await ReadAliasAsync(registry, model, alias, cancellationToken) is { } version)
            {
                named[alias] = version;
            }
        }

        var wanted = named.Values.DistinctBy(v => v.Version).ToList();
        foreach (var (version, digest) in wanted)
        {
            await EnsureServedAsync(registry, model, version, digest, cancellationToken);
        }

        foreach (var stale in _loaded.Keys.Where(k => k.Model == model && wanted.All(w => w.Version != k.Version)).ToList())
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

    private static async Task<(long Version, string Digest)?> ReadAliasAsync(RegistryModelsClient registry, string model, string alias, CancellationToken cancellationToken)
    {
        if (await registry.FindAliasAsync(model, alias, cancellationToken) is not { } found)
        {
            return null;
        }

        return Digest.IsValid(found.Digest)
            ? (found.Version, found.Digest)
            : throw new InvalidDataException($"the registry's {model}@{alias} names '{found.Digest}', not a sha256 digest");
    }

    private async Task EnsureServedAsync(RegistryModelsClient registry, string model, long version, string digest, CancellationToken cancellationToken)
    {
        var key = (model, version);
        if (_loaded.TryGetValue(key, out var had) && had == digest)
        {
            return;
        }

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
            await RegistryArtifacts.DownloadAsync(registry, Digest.Parse(digest), temporary, cancellationToken);
            var card = await RegistryArtifacts.CardAsync(registry, model, version, cancellationToken);
            Directory.CreateDirectory(location.Directory);
            File.Move(temporary, location.OnnxPath, overwrite: true);
            if (card is not null)
            {
                await File.WriteAllTextAsync(location.CardPath, card, cancellationToken);
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

    [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Not following the registry (no CloudRegistry:RegistryAddress or no CloudRegistry:Models): serving the repository only")]
    private partial void LogNotFollowing();
}
