using System.Globalization;
using Yarp.ReverseProxy.Configuration;

namespace HybridInference.Router.LoadBalancing;

/// <summary>Reads and formats the weight stored in a destination's metadata.</summary>
public static class DestinationWeight
{
    /// <summary>Reads the weight; on failure <paramref name="error"/> says what is wrong with the metadata.</summary>
    public static bool TryRead(DestinationConfig destination, out double weight, out string? error)
    {
        ArgumentNullException.ThrowIfNull(destination);
        weight = 0;
        if (destination.Metadata is null || !destination.Metadata.TryGetValue(WeightedLoadBalancing.WeightMetadataKey, out var text))
        {
            error = $"metadata '{WeightedLoadBalancing.WeightMetadataKey}' is missing";
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight < 0)
        {
            error = $"metadata '{WeightedLoadBalancing.WeightMetadataKey}' is '{text}', not a finite number >= 0";
            weight = 0;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Checks a weight given through the API, with the same rule as the metadata.</summary>
    public static bool IsValid(double weight) => double.IsFinite(weight) && weight >= 0;

    public static string Format(double weight) => weight.ToString("R", CultureInfo.InvariantCulture);
}
