using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>The experiment files: listed and read from disk on each request, so an edited file needs no restart.</summary>
public sealed partial class ExperimentCatalog(IOptions<ExperimentsOptions> options, IHostEnvironment environment)
{
    public string Directory { get; } = options.Value.Directory
        ?? (RepositoryPaths.FindRoot(environment.ContentRootPath, AppContext.BaseDirectory) is { } root
            ? Path.Combine(root, "experiments")
            : Path.Combine(environment.ContentRootPath, "experiments"));

    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Null when no such file; otherwise the experiment or the file's errors.</summary>
    public async Task<(Experiment? Experiment, Dictionary<string, string[]> Errors)?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        // Only plain names: a name is a file in the folder, never a path out of it.
        if (!NamePattern().IsMatch(name))
        {
            return null;
        }

        var path = Path.Combine(Directory, name + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken);
        ExperimentValidator.TryRead(json, name, out var experiment, out var errors);
        return (experiment, errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
