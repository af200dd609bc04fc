using System.ComponentModel.DataAnnotations;

namespace HybridInference.Inference.Serving;

/// <summary>Server-wide serving settings and the per-model overrides.</summary>
public sealed class ServingOptions
{
    public const string SectionName = "Serving";

    /// <summary>Name in <c>GET /v2</c> server metadata. <value>Defaults to the application name.</value></summary>
    public string? ServerName { get; set; }

    /// <summary>Largest accepted request body (HTTP) or message (gRPC); larger ones get 413. <value>Defaults to 8 MiB.</value></summary>
    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>ONNX Runtime execution provider. <value>Defaults to Cpu.</value></summary>
    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>Settings for every model without an entry in <see cref="Models"/>.</summary>
    public ModelServingOptions Defaults { get; set; } = new();

    /// <summary>Per-model settings by model name (<c>Serving:Models:fashion-cloud:DynamicBatching</c>).</summary>
    public Dictionary<string, ModelServingOptions> Models { get; set; } = new(StringComparer.Ordinal);

    public ModelServingOptions For(string model) => Models.TryGetValue(model, out var options) ? options : Defaults;
}
