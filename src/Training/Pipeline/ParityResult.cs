namespace HybridInference.Training.Pipeline;

/// <summary>How closely ONNX Runtime reproduces the trainer's probabilities.</summary>
public sealed record ParityResult(double MaxAbsDifference, int PredictionMismatches)
{
    /// <summary>Largest probability difference accepted between the trainer and ORT.</summary>
    public const double Tolerance = 1e-4;

    public static ParityResult Compare(ReadOnlySpan<float> trainer, ReadOnlySpan<float> onnxRuntime, int classCount)
    {
        if (trainer.Length != onnxRuntime.Length)
        {
            throw new ArgumentException($"{trainer.Length} trainer values vs {onnxRuntime.Length} ORT values");
        }

        double max = 0;
        for (var i = 0; i < trainer.Length; i++)
        {
            max = Math.Max(max, Math.Abs(trainer[i] - onnxRuntime[i]));
        }

        var a = Evaluation.Predictions.Classes(trainer, classCount);
        var b = Evaluation.Predictions.Classes(onnxRuntime, classCount);
        return new ParityResult(max, a.Zip(b).Count(p => p.First != p.Second));
    }

    public bool WithinTolerance => MaxAbsDifference <= Tolerance;
}
