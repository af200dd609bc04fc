namespace HybridInference.Inference.Repository;

/// <summary>One servable model version found in the repository.</summary>
public sealed record ModelLocation(string Name, long Version, string Directory)
{
    /// <summary>The ONNX file, named as Triton's onnxruntime backend expects.</summary>
    public string OnnxPath => System.IO.Path.Combine(Directory, ModelRepositoryScanner.ModelFileName);

    /// <summary>The machine-readable model card written by the training pipeline, if present.</summary>
    public string CardPath => System.IO.Path.Combine(Directory, "model-card.json");
}
