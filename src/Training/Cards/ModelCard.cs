namespace HybridInference.Training.Cards;

/// <summary>
/// Everything a consumer of a served model needs to know about it: what it was trained on, how, how well
/// it does, what its file is and how fast ONNX Runtime runs it. Written next to the model as JSON and
/// Markdown.
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

/// <summary>The ONNX file: name relative to the card, size, SHA-256, opset.</summary>
public sealed record ModelFile(string Path, long SizeBytes, string Sha256, int Opset);

/// <summary>A graph input or output: name, element type, shape ("N" = dynamic batch) and meaning.</summary>
public sealed record TensorSpec(string Name, string ElementType, IReadOnlyList<string> Shape, string Description);

/// <summary>Source data, its hashes and how it was split.</summary>
public sealed record DatasetInfo(
    string Name,
    string Source,
    string Licence,
    IReadOnlyDictionary<string, string> FileSha256,
    int TrainCount,
    int ValidationCount,
    int TestCount,
    IReadOnlyList<string> ClassNames)
{
    /// <summary>Fashion-MNIST's source and licence with this run's files and split; <paramref name="name"/> says how the data was used.</summary>
    public static DatasetInfo FashionMnist(string name, IReadOnlyDictionary<string, string> fileSha256, int trainCount, int validationCount, int testCount) => new(
        name,
        "Zalando Research, https://github.com/zalandoresearch/fashion-mnist (Debian package dataset-fashion-mnist)",
        "MIT, (c) 2017 Zalando SE",
        fileSha256,
        trainCount,
        validationCount,
        testCount,
        Data.FashionMnist.ClassNames);
}

/// <summary>Training settings and outcome.</summary>
public sealed record TrainingInfo(
    int Seed,
    int Epochs,
    int BatchSize,
    double LearningRate,
    string LearningRateSchedule,
    double WeightDecay,
    string Optimizer,
    double Temperature,
    string TemperatureFittedOn,
    IReadOnlyList<double> EpochLosses,
    double DurationSeconds);

/// <summary>Test-set quality measured through ONNX Runtime, and the parity check against the trainer.</summary>
public sealed record EvaluationInfo(
    double TestAccuracy,
    double ValidationAccuracy,
    IReadOnlyList<ClassAccuracy> PerClass,
    int[][] ConfusionMatrix,
    double ExpectedCalibrationError,
    double MeanConfidence,
    double ParityMaxAbsDifference,
    int ParityPredictionMismatches);

/// <summary>Accuracy on the test images of one class.</summary>
public sealed record ClassAccuracy(int Class, string Name, double Accuracy);

/// <summary>ORT CPU latency, median and p95 per call, on the training machine.</summary>
public sealed record LatencyInfo(
    double SingleImageMedianMs,
    double SingleImageP95Ms,
    double Batch64MedianMs,
    double Batch64P95Ms,
    int IntraOpThreads,
    string Machine);
