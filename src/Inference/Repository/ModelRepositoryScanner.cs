using System.Globalization;

namespace HybridInference.Inference.Repository;

/// <summary>
/// Reads a Triton-layout repository: <c>{root}/{model}/{version}/model.onnx</c>, versions being positive
/// integers. Anything else in the tree (READMEs, configs, half-copied directories without model.onnx) is
/// ignored, as Triton ignores it, so that copying a new version in place cannot break serving.
/// </summary>
public static class ModelRepositoryScanner
{
    public const string ModelFileName = "model.onnx";

    /// <summary>Every model version under <paramref name="root"/>, ordered by name then version.</summary>
    public static IReadOnlyList<ModelLocation> Scan(string root)
    {
        List<ModelLocation> found = [];
        foreach (var modelDirectory in System.IO.Directory.EnumerateDirectories(root))
        {
            var name = System.IO.Path.GetFileName(modelDirectory);
            foreach (var versionDirectory in System.IO.Directory.EnumerateDirectories(modelDirectory))
            {
                if (long.TryParse(System.IO.Path.GetFileName(versionDirectory), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                    && version > 0
                    && File.Exists(System.IO.Path.Combine(versionDirectory, ModelFileName)))
                {
                    found.Add(new ModelLocation(name, version, versionDirectory));
                }
            }
        }

        return [.. found.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Version)];
    }

    /// <summary>Applies the configured model list and version policy to what the scan found.</summary>
    public static IReadOnlyList<ModelLocation> Select(IReadOnlyList<ModelLocation> found, ModelRepositoryOptions options)
    {
        var byName = found.GroupBy(m => m.Name, StringComparer.Ordinal);
        List<ModelLocation> selected = [];
        foreach (var model in byName)
        {
            if (options.Models.Count > 0 && !options.Models.Contains(model.Key, StringComparer.Ordinal))
            {
                continue;
            }

            selected.AddRange(options.VersionPolicy switch
            {
                VersionPolicy.Latest => [model.MaxBy(m => m.Version)!],
                VersionPolicy.Specific => model.Where(m => options.Versions.Contains(m.Version)),
                _ => model,
            });
        }

        return selected;
    }
}
