using System.Text.Json;
using HybridInference.Contracts.Oip;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The answer parser: a router's 200 answer, read as the protocol's <see cref="InferenceResponse"/>, as a sample: the
/// predicted class (the highest of the <c>probabilities</c> output) and where the answer came from (tier, escalation
/// reason, edge node, edge model version).
/// </summary>
internal static class TrafficAnswer
{
    /// <summary>The output whose highest value is the predicted class.</summary>
    public const string ProbabilitiesOutput = "probabilities";

    /// <exception cref="JsonException">the body is not an OIP inference answer</exception>
    public static RequestSample Read(string body, string id, double atMs, double latencyMs, int label)
    {
        var answer = JsonSerializer.Deserialize(body, OipJsonContext.Default.InferenceResponse)
            ?? throw new JsonException("the answer is null, not an inference response");
        var parameters = answer.Parameters;
        return new RequestSample(id, atMs, latencyMs, 200, label, Predicted(answer),
            Text(parameters, "tier"), Text(parameters, "escalation_reason"), Text(parameters, "edge_node"), EdgeModelVersion: Text(parameters, "edge_model_version"));
    }

    /// <summary>The class with the highest probability in the answer's <c>probabilities</c> output; null without one.</summary>
    public static int? Predicted(InferenceResponse answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Outputs?.FirstOrDefault(o => o.Name == ProbabilitiesOutput) is not { } output)
        {
            return null;
        }

        IReadOnlyList<double> values = output.Data?.Numbers ?? output.Data?.Singles?.Select(v => (double)v).ToArray() ?? [];
        int best = -1;
        var max = double.NegativeInfinity;
        for (var index = 0; index < values.Count; index++)
        {
            if (values[index] > max)
            {
                (max, best) = (values[index], index);
            }
        }

        return best < 0 ? null : best;
    }

    private static string? Text(Dictionary<string, JsonElement>? parameters, string name) =>
        parameters is not null && parameters.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
