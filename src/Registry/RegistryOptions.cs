using System.ComponentModel.DataAnnotations;

namespace HybridInference.Registry;

/// <summary>Settings of the model registry (section <c>Registry</c>).</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>
    /// Where artifacts are kept, content-addressed (<c>sha256/ab/abcdef...</c>). A volume in a cluster;
    /// metadata lives only in the store, so replicas sharing this directory serve the same registry.
    /// <value>Defaults to <c>.data/artifacts</c> under the content root.</value>
    /// </summary>
    [Required(ErrorMessage = "Registry:ArtifactDirectory is required.")]
    public string ArtifactDirectory { get; set; } = ".data/artifacts";

    /// <summary>Largest accepted model file. <value>Defaults to 256 MiB.</value></summary>
    [Range(1024, 4L * 1024 * 1024 * 1024, ErrorMessage = "Registry:MaxArtifactBytes must be between 1 KiB and 4 GiB.")]
    public long MaxArtifactBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Room in an upload for the card and the multipart framing around the model file.</summary>
    public const long FormOverheadBytes = 1 << 20;

    /// <summary>The largest upload body: one model file of <see cref="MaxArtifactBytes"/> plus the card and form overhead.</summary>
    public long MaxUploadBytes => MaxArtifactBytes + FormOverheadBytes;

    /// <summary>
    /// A Triton-layout model repository (<c>{model}/{version}/model.onnx</c> + <c>model-card.json</c>) imported
    /// at start, idempotently; unset imports nothing. The AppHost points it at the committed <c>models/</c>.
    /// </summary>
    public string? SeedDirectory { get; set; }
}
