namespace HybridInference.Training.Evaluation;

/// <summary>Helpers over [count, classes] probability matrices.</summary>
public static class Predictions
{
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }

    public static int[] Classes(ReadOnlySpan<float> probabilities, int classCount)
    {
        var result = new int[probabilities.Length / classCount];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ArgMax(probabilities.Slice(i * classCount, classCount));
        }

        return result;
    }

    /// <summary>The top probability of each row: the edge model's confidence.</summary>
    public static float[] Confidences(ReadOnlySpan<float> probabilities, int classCount)
    {
        var result = new float[probabilities.Length / classCount];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = probabilities.Slice(i * classCount, classCount)[ArgMax(probabilities.Slice(i * classCount, classCount))];
        }

        return result;
    }

    public static double Accuracy(IReadOnlyList<int> predicted, IReadOnlyList<byte> labels)
    {
        if (predicted.Count != labels.Count || labels.Count == 0)
        {
            throw new ArgumentException($"{predicted.Count} predictions for {labels.Count} labels");
        }

        var correct = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }

        return (double)correct / labels.Count;
    }
}
