namespace HybridInference.Inference.Tests;

/// <summary>A throw-away model repository in Triton layout, built from the committed ONNX files.</summary>
internal sealed class TempRepository : IDisposable
{
    public TempRepository() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hi-repo-" + Guid.NewGuid().ToString("N"));

    /// <summary>Places <paramref name="onnxFile"/> as <c>{model}/{version}/model.onnx</c>.</summary>
    public TempRepository With(string model, string version, string onnxFile)
    {
        var directory = System.IO.Path.Combine(Path, model, version);
        Directory.CreateDirectory(directory);
        File.Copy(onnxFile, System.IO.Path.Combine(directory, "model.onnx"));
        var card = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(onnxFile)!, "model-card.json");
        if (File.Exists(card))
        {
            File.Copy(card, System.IO.Path.Combine(directory, "model-card.json"));
        }

        return this;
    }

    public TempRepository WithDirectory(string relative)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, relative));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
