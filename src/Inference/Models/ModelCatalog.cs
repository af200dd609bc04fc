using HybridInference.Contracts.Oip;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Serving;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Models;

/// <summary>
/// The model versions this process serves, known from start-up on (so that metadata and readiness can
/// answer while they load), and the rules for finding one: by name, then by explicit version or
/// <c>latest</c> (the highest number, Triton's default).
/// </summary>
public sealed class ModelCatalog : IAsyncDisposable
{
    public const string LatestVersion = "latest";

    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _swapLock = new();

    // Replaced whole, never mutated: a request resolving during a swap sees either the old or the new set.
    private volatile Snapshot _snapshot;

    // The version an unversioned request gets, per model, when one was named (the registry's champion on the
    // cloud); otherwise the highest. Replaced whole like the snapshot.
    private volatile Dictionary<string, string> _defaults = new(StringComparer.Ordinal);

    public ModelCatalog(IOptions<ModelRepositoryOptions> repository, IOptions<ServingOptions> serving, IStartupModels? startup = null)
    {
        var selected = ModelRepositoryScanner.Select(ModelRepositoryScanner.Scan(repository.Value.Path), repository.Value);
        if (startup is not null)
        {
            selected = startup.Choose(selected);
        }

        _snapshot = Snapshot.Of([.. selected.Select(location => new ServedModel(location, serving.Value.For(location.Name)))]);
    }

    public IReadOnlyList<ServedModel> All => _snapshot.All;

    /// <summary>True once every served version has loaded and warmed up.</summary>
    public bool IsReady => All.Count > 0 && All.All(m => m.IsReady);

    /// <summary>Completes when the loader has tried every version (each is then Ready or Unavailable).</summary>
    public Task Loaded => _loaded.Task;

    internal void CompleteLoading() => _loaded.TrySetResult();

    /// <summary>The versions of <paramref name="name"/> served, highest first.</summary>
    public IReadOnlyList<string> VersionsOf(string name) =>
        _snapshot.ByName.TryGetValue(name, out var versions) ? [.. versions.Select(v => v.Version)] : [];

    /// <summary>Finds a model version or throws a 404 <see cref="OipException"/> naming what exists.</summary>
    public ServedModel Resolve(string name, string? version)
    {
        var byName = _snapshot.ByName;
        if (!byName.TryGetValue(name, out var versions))
        {
            throw new OipException(OipStatus.NotFound, $"unknown model '{name}'; this server serves: {string.Join(", ", byName.Keys)}");
        }

        if (string.IsNullOrEmpty(version))
        {
            // A challenger loaded beside the champion has the higher number; unversioned traffic must not reach it.
            return _defaults.TryGetValue(name, out var preferred) && versions.FirstOrDefault(v => v.Version == preferred) is { } chosen
                ? chosen
                : versions[0];
        }

        if (string.Equals(version, LatestVersion, StringComparison.OrdinalIgnoreCase))
        {
            return versions[0];
        }

        return versions.FirstOrDefault(v => v.Version == version)
            ?? throw new OipException(OipStatus.NotFound, $"model '{name}' has no version '{version}'; served versions: {string.Join(", ", versions.Select(v => v.Version))}");
    }

    /// <summary>
    /// Serves <paramref name="replacement"/> (loaded and warmed up) instead of every version of its model, in
    /// one step: requests already running finish on the versions they hold, which are disposed after them.
    /// </summary>
    internal void Swap(ServedModel replacement) =>
        Serve(replacement, "swapped in", m => m.Name == replacement.Name);

    /// <summary>
    /// Serves <paramref name="added"/> (loaded and warmed up) beside the other versions of its model, replacing
    /// only a version with the same number; requests on a replaced version finish on it.
    /// </summary>
    internal void Add(ServedModel added) =>
        Serve(added, "added", m => m.Name == added.Name && m.Version == added.Version);

    /// <summary>Serves <paramref name="model"/> in place of the versions <paramref name="replaces"/> picks, in one step; those are retired after it.</summary>
    private void Serve(ServedModel model, string how, Func<ServedModel, bool> replaces)
    {
        if (!model.IsReady)
        {
            throw new InvalidOperationException($"model '{model.Name}' version {model.Version} is not ready ({model.Reason}); only a warmed-up version can be {how}");
        }

        IReadOnlyList<ServedModel> retired;
        lock (_swapLock)
        {
            var current = _snapshot;
            retired = [.. current.All.Where(replaces)];
            _snapshot = Snapshot.Of([.. current.All.Where(m => !replaces(m)), model]);
        }

        foreach (var old in retired)
        {
            old.Retire();
        }
    }

    /// <summary>Stops serving one version; requests holding it finish first. False when it was not served.</summary>
    internal bool Remove(string name, string version)
    {
        ServedModel? retired;
        lock (_swapLock)
        {
            var current = _snapshot;
            retired = current.All.FirstOrDefault(m => m.Name == name && m.Version == version);
            if (retired is null)
            {
                return false;
            }

            _snapshot = Snapshot.Of([.. current.All.Where(m => m != retired)]);
        }

        retired.Retire();
        return true;
    }

    /// <summary>Names the version unversioned requests for <paramref name="name"/> get (null: the highest served).</summary>
    public void SetDefaultVersion(string name, string? version)
    {
        lock (_swapLock)
        {
            var defaults = new Dictionary<string, string>(_defaults, StringComparer.Ordinal);
            if (version is null)
            {
                defaults.Remove(name);
            }
            else
            {
                defaults[name] = version;
            }

            _defaults = defaults;
        }
    }

    /// <summary>The version unversioned requests for <paramref name="name"/> get now, or null when none is served.</summary>
    public string? DefaultVersionOf(string name) =>
        _snapshot.ByName.ContainsKey(name) ? Resolve(name, null).Version : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var model in All)
        {
            if (model.TakeLoaded() is { } loaded)
            {
                await loaded.Executor.DisposeAsync().ConfigureAwait(false);
                loaded.Model.Dispose();
            }
        }
    }

    private sealed record Snapshot(IReadOnlyList<ServedModel> All, Dictionary<string, ServedModel[]> ByName)
    {
        public static Snapshot Of(IReadOnlyList<ServedModel> all)
        {
            var byName = all.GroupBy(m => m.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.Location.Version).ToArray(), StringComparer.Ordinal);
            foreach (var versions in byName.Values)
            {
                string[] names = [.. versions.Select(v => v.Version)];
                foreach (var model in versions)
                {
                    model.Versions = names;
                }
            }

            return new Snapshot(all, byName);
        }
    }
}
