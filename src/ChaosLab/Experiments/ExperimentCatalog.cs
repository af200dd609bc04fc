using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>The experiment files (JSON or YAML): listed and read from disk on each request, so an edited file needs no restart.</summary>
public sealed partial class ExperimentCatalog(IOptions<ExperimentsOptions> options, IHostEnvironment environment)
{
    public string Directory { get; } = options.Value.Directory
        ?? (RepositoryPaths.FindRoot(environment.ContentRootPath, AppContext.BaseDirectory) is { } root
            ? Path.Combine(root, "experiments")
            : Path.Combine(environment.ContentRootPath, "experiments"));

    /// <summary>The file types an experiment may be written in; YAML is read as the same document as JSON.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".json", ".yaml", ".yml"];

    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
                .Select(Path.GetFileNameWithoutExtension).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Null when no such file; otherwise the experiment or the file's errors.</summary>
    public async Task<(Experiment? Experiment, Dictionary<string, string[]> Errors)?> LoadAsync(string name, CancellationToken cancellationToken)
    {
        // Only plain names: a name is a file in the folder, never a path out of it.
        if (!NamePattern().IsMatch(name))
        {
            return null;
        }

        var paths = Extensions.Select(e => Path.Combine(Directory, name + e)).Where(File.Exists).ToList();
        if (paths.Count == 0)
        {
            return null;
        }

        if (paths.Count > 1)
        {
            // Two files of one name would make which one runs a matter of lookup order.
            return (null, new Dictionary<string, string[]> { ["file"] = [$"{string.Join(" and ", paths.Select(Path.GetFileName))} both exist: keep one"] });
        }

        var text = await File.ReadAllTextAsync(paths[0], cancellationToken);
        if (Path.GetExtension(paths[0]) != ".json" && !YamlExperiment.TryConvert(text, out text, out var problem))
        {
            return (null, new Dictionary<string, string[]> { ["file"] = [problem] });
        }

        ExperimentValidator.TryRead(text, name, out var experiment, out var errors);
        return (experiment, errors);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();
}
