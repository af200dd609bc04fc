namespace HybridInference.Training.Pipeline;

/// <summary>The Triton-style layout of served models: ROOT/NAME/VERSION/{model.onnx, model-card.json, model-card.md}.</summary>
public static class ModelRepository
{
    public const string ModelFileName = "model.onnx";
    public const string CardJsonFileName = "model-card.json";
    public const string CardMarkdownFileName = "model-card.md";

    public static IReadOnlyList<string> FileNames { get; } = [ModelFileName, CardJsonFileName, CardMarkdownFileName];

    public static string VersionDirectory(string root, string name, int version) => Path.Combine(root, name, version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string ModelPath(string root, string name, int version) => Path.Combine(VersionDirectory(root, name, version), ModelFileName);

    /// <summary>
    /// Moves finished files from <paramref name="stagingDirectory"/> into the version folder. Each move is a
    /// rename on the same file system, so a reader sees either the old file or the new one, never half of one.
    /// </summary>
    public static void Publish(string stagingDirectory, string root, string name, int version)
    {
        var target = VersionDirectory(root, name, version);
        Directory.CreateDirectory(target);
        foreach (var file in FileNames)
        {
            File.Move(Path.Combine(stagingDirectory, file), Path.Combine(target, file), overwrite: true);
        }
    }
}
