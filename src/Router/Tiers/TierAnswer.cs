namespace HybridInference.Router.Tiers;

/// <summary>What one tier answered: class probabilities row by row, and who computed them.</summary>
/// <param name="Probabilities">Rows x classes, row-major.</param>
/// <param name="Rows">Images in the batch.</param>
/// <param name="ModelName">The served model that answered.</param>
/// <param name="ModelVersion">Its version, as the server reported it.</param>
/// <param name="Node">The node (edge) or service (cloud) that answered.</param>
/// <param name="ElapsedMs">Time the router waited for it, network included.</param>
public sealed record TierAnswer(float[] Probabilities, int Rows, string ModelName, string? ModelVersion, string Node, double ElapsedMs)
{
    public int Classes => Rows == 0 ? 0 : Probabilities.Length / Rows;

    public ReadOnlySpan<float> Row(int row) => Probabilities.AsSpan(row * Classes, Classes);

    /// <summary>The top class of a row and its probability.</summary>
    public (int Class, float Confidence) Top(int row)
    {
        var values = Row(row);
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return (best, values[best]);
    }
}
