namespace HybridInference.Contracts.Registry;

/// <summary>
/// <c>model-card.json</c>: everything a consumer of a served model needs to know about it: what it was trained
/// on, how, how well it does, what its file is and how fast ONNX Runtime runs it. Training writes it next to
/// the model, the registry checks it at registration (<see cref="ModelVersion.Card"/> holds it) and serving
/// reads its class names. Read and write it with <see cref="RegistryJsonContext"/>; a card written by another
/// tool may lack parts, so readers check what they use for null.
/// </summary>
public sealed record ModelCard(
    string Name,
    int Version,
    string Role,
    string Architecture,
    int ParameterCount,
    ModelFile File,
    IReadOnlyList<TensorSpec> Inputs,
    IReadOnlyList<TensorSpec> Outputs,
    DatasetInfo Dataset,
    TrainingInfo Training,
    EvaluationInfo Evaluation,
    LatencyInfo Latency);
