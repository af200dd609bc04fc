namespace HybridInference.Training.Evaluation;

/// <summary>Accuracy overall and per class, and the confusion matrix (rows = true class, columns = predicted).</summary>
public sealed record ClassificationReport(double Accuracy, IReadOnlyList<double> PerClassAccuracy, int[][] ConfusionMatrix)
{
    public static ClassificationReport Create(IReadOnlyList<int> predicted, IReadOnlyList<byte> labels, int classCount)
    {
        var matrix = Enumerable.Range(0, classCount).Select(_ => new int[classCount]).ToArray();
        for (var i = 0; i < labels.Count; i++)
        {
            matrix[labels[i]][predicted[i]]++;
        }

        var perClass = matrix.Select((row, c) => row.Sum() == 0 ? 0.0 : (double)row[c] / row.Sum()).ToArray();
        return new ClassificationReport(Predictions.Accuracy(predicted, labels), perClass, matrix);
    }
}
