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

    private readonly Dictionary<string, ServedModel[]> _byName;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModelCatalog(IOptions<ModelRepositoryOptions> repository, IOptions<ServingOptions> serving)
    {
        var selected = ModelRepositoryScanner.Select(ModelRepositoryScanner.Scan(repository.Value.Path), repository.Value);
        All = [.. selected.Select(location => new ServedModel(location, serving.Value.For(location.Name)))];
        _byName = All.GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.Location.Version).ToArray(), StringComparer.Ordinal);
        foreach (var versions in _byName.Values)
        {
            string[] names = [.. versions.Select(v => v.Version)];
            foreach (var model in versions)
            {
                model.Versions = names;
            }
        }
    }

    public IReadOnlyList<ServedModel> All { get; }

    /// <summary>True once every served version has loaded and warmed up.</summary>
    public bool IsReady => All.Count > 0 && All.All(m => m.IsReady);

    /// <summary>Completes when the loader has tried every version (each is then Ready or Unavailable).</summary>
    public Task Loaded => _loaded.Task;

    internal void CompleteLoading() => _loaded.TrySetResult();

    /// <summary>The versions of <paramref name="name"/> served, highest first.</summary>
    public IReadOnlyList<string> VersionsOf(string name) =>
        _byName.TryGetValue(name, out var versions) ? [.. versions.Select(v => v.Version)] : [];

    /// <summary>Finds a model version or throws a 404 <see cref="OipException"/> naming what exists.</summary>
    public ServedModel Resolve(string name, string? version)
    {
        if (!_byName.TryGetValue(name, out var versions))
        {
            throw new OipException(OipStatus.NotFound, $"unknown model '{name}'; this server serves: {string.Join(", ", _byName.Keys)}");
        }

        if (string.IsNullOrEmpty(version) || string.Equals(version, LatestVersion, StringComparison.OrdinalIgnoreCase))
        {
            return versions[0];
        }

        return versions.FirstOrDefault(v => v.Version == version)
            ?? throw new OipException(OipStatus.NotFound, $"model '{name}' has no version '{version}'; served versions: {string.Join(", ", versions.Select(v => v.Version))}");
    }

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
}
