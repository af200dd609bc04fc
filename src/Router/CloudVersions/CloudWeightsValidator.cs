using System.Globalization;
using HybridInference.Contracts.RouterAdmin;

namespace HybridInference.Router.CloudVersions;

/// <summary>Checks a cloud weights body and says every problem at once.</summary>
public static class CloudWeightsValidator
{
    /// <summary>Versions one split may name: a canary needs two, a comparison a few; more is a mistake or a flood.</summary>
    public const int MaxVersions = 16;

    public static (IReadOnlyDictionary<int, double>? Weights, IReadOnlyList<string> Errors) Validate(CloudWeightsRequest? request)
    {
        if (request?.Weights is not { Count: > 0 } given)
        {
            return (null, ["'weights' must name at least one cloud model version, e.g. {\"weights\": {\"1\": 95, \"2\": 5}}"]);
        }

        if (given.Count > MaxVersions)
        {
            return (null, [$"'weights' names {given.Count} versions; at most {MaxVersions} may share a model's cloud calls"]);
        }

        List<string> errors = [];
        Dictionary<int, double> weights = [];
        foreach (var (key, weight) in given)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            {
                errors.Add($"version '{key}' is not a version number (a whole number from 1)");
                continue;
            }

            if (!weights.TryAdd(version, weight))
            {
                errors.Add($"version {version} is given twice");
                continue;
            }

            if (!(weight >= 0 && weight <= 100))
            {
                errors.Add($"the weight of version {version} must be in [0,100] (was {weight.ToString(CultureInfo.InvariantCulture)})");
            }
        }

        if (errors.Count == 0 && weights.Values.Sum() <= 0)
        {
            errors.Add("the weights sum to 0: at least one version must get traffic");
        }

        return errors.Count == 0 ? (weights, errors) : (null, errors);
    }
}
