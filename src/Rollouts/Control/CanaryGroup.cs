using System.IO.Hashing;
using System.Text;

namespace HybridInference.Rollouts.Control;

/// <summary>
/// Chooses the canary devices by a stable hash of model and device id: the same fleet always gives the
/// same order, so each step's group contains the previous one (it grows, it never reshuffles), and the
/// choice differs between models so one unlucky device is not every model's canary. At least one device
/// is a canary and, below 100 %, at least one stays in the control group.
/// </summary>
public static class CanaryGroup
{
    public static IReadOnlyList<string> Select(IReadOnlyCollection<string> devices, string model, int weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        var ordered = devices.Distinct(StringComparer.Ordinal).OrderBy(d => Hash(model, d)).ThenBy(d => d, StringComparer.Ordinal).ToList();
        if (weight >= 100)
        {
            return ordered;
        }

        if (weight == 0 || ordered.Count < 2)
        {
            return [];
        }

        var count = (int)Math.Ceiling(ordered.Count * weight / 100.0);
        return ordered.Take(Math.Clamp(count, 1, ordered.Count - 1)).ToList();
    }

    private static ulong Hash(string model, string device) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(model + "\n" + device));
}
