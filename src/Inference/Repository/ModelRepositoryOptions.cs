using System.ComponentModel.DataAnnotations;

namespace HybridInference.Inference.Repository;

/// <summary>Where the models are and which of them this process serves.</summary>
public sealed class ModelRepositoryOptions
{
    public const string SectionName = "ModelRepository";

    /// <summary>
    /// Directory in Triton layout, <c>{Path}/{model}/{version}/model.onnx</c>. The AppHost sets it to the
    /// committed <c>models/</c> directory through <c>ModelRepository__Path</c>.
    /// </summary>
    [Required(ErrorMessage = "ModelRepository:Path is required: the directory of the model repository in Triton layout (<repo>/models), set e.g. by the environment variable ModelRepository__Path.")]
    public string Path { get; set; } = "";

    /// <summary>Models to serve. <value>Defaults to every model directory found.</value></summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Which versions of each model to serve. <value>Defaults to <see cref="VersionPolicy.All"/>.</value></summary>
    public VersionPolicy VersionPolicy { get; set; } = VersionPolicy.All;

    /// <summary>The versions to serve when <see cref="VersionPolicy"/> is <see cref="VersionPolicy.Specific"/>.</summary>
    public List<long> Versions { get; set; } = [];
}
