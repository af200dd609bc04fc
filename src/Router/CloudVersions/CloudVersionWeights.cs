using System.Collections.Immutable;
using HybridInference.Router.Routing;

namespace HybridInference.Router.CloudVersions;

/// <summary>
/// How each model's cloud calls split between cloud model versions (a canary of a new cloud model: v1 95 %,
/// v2 5 %). A model without weights is asked unversioned, and the cloud server answers with its own default.
/// Weights live in this process and are set at run time (<c>PUT /admin/routing/models/{model}/cloud-weights</c>).
/// </summary>
public sealed class CloudVersionWeights(IRandomSource random)
{
    private ImmutableDictionary<string, ImmutableSortedDictionary<int, double>> _weights =
        ImmutableDictionary.Create<string, ImmutableSortedDictionary<int, double>>(StringComparer.Ordinal);

    /// <summary>The weights of a model by version, or null when its cloud calls are not split.</summary>
    public IReadOnlyDictionary<int, double>? Get(string model) => Volatile.Read(ref _weights).GetValueOrDefault(model);

    /// <summary>Replaces a model's weights; they must have passed <see cref="CloudWeightsValidator"/>.</summary>
    public void Set(string model, IReadOnlyDictionary<int, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Values.Sum() <= 0)
        {
            throw new ArgumentException("weights need at least one version and a positive sum", nameof(weights));
        }

        ImmutableInterlocked.Update(ref _weights, w => w.SetItem(model, weights.ToImmutableSortedDictionary()));
    }

    /// <summary>Back to unversioned calls. True when the model had weights.</summary>
    public bool Clear(string model)
    {
        var removed = false;
        ImmutableInterlocked.Update(ref _weights, w =>
        {
            removed = w.ContainsKey(model);
            return w.Remove(model);
        });
        return removed;
    }

    /// <summary>The version one call goes to, in proportion to the weights; null when the model is not split.</summary>
    public int? Pick(string model)
    {
        if (Get(model) is not { } weights)
        {
            return null;
        }

        var point = random.NextDouble() * weights.Values.Sum();
        var last = 0;
        foreach (var (version, weight) in weights)
        {
            if (weight <= 0)
            {
                continue;
            }

            last = version;
            if (point < weight)
            {
                return version;
            }

            point -= weight;
        }

        // Only rounding can leave the loop: the last version with weight takes the remainder.
        return last;
    }
}
