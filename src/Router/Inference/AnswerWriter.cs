using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Router.Tiers;

namespace HybridInference.Router.Inference;

/// <summary>
/// The OIP answer of the router: the merged probabilities (and, when asked for, the top class and its
/// confidence), with how the request was served in <c>parameters</c> and in <c>X-HI-*</c> headers.
/// </summary>
public static class AnswerWriter
{
    public static InferenceResponse Build(HybridAnswer answer)
    {
        var request = answer.Request;
        var rows = answer.Rows.Count;
        var wanted = request.Body.Outputs?.Select(o => o?.Name).ToHashSet() ?? [];
        List<ResponseOutput> outputs = [];
        if (wanted.Count == 0 || wanted.Contains(TierClient.ProbabilitiesOutput))
        {
            outputs.Add(new ResponseOutput { Name = TierClient.ProbabilitiesOutput, Shape = [rows, answer.Classes], Datatype = Datatypes.Fp32, Data = TensorData.FromSingles(answer.Probabilities) });
        }

        if (wanted.Contains(OutputNames.TopClass) || wanted.Contains(OutputNames.Confidence))
        {
            var top = Enumerable.Range(0, rows).Select(row => Top(answer.Probabilities.AsSpan(row * answer.Classes, answer.Classes))).ToArray();
            if (wanted.Contains(OutputNames.TopClass))
            {
                outputs.Add(new ResponseOutput { Name = OutputNames.TopClass, Shape = [rows], Datatype = Datatypes.Int64, Data = TensorData.FromInt64s(top.Select(t => (long)t.Class).ToArray()) });
            }

            if (wanted.Contains(OutputNames.Confidence))
            {
                outputs.Add(new ResponseOutput { Name = OutputNames.Confidence, Shape = [rows], Datatype = Datatypes.Fp32, Data = TensorData.FromSingles(top.Select(t => t.Confidence).ToArray()) });
            }
        }

        var first = answer.Rows[0];
        var parameters = new Dictionary<string, JsonElement>
        {
            ["tier"] = Json(answer.Tier),
            ["site"] = Json(answer.Site),
            ["total_ms"] = Json(Math.Round(answer.TotalMs, 3)),
        };
        Add(parameters, "edge_node", answer.EdgeNode);
        Add(parameters, "edge_model_version", answer.Edge is null ? null : $"{answer.Edge.ModelName}:{answer.Edge.ModelVersion}");
        Add(parameters, "cloud_model_version", answer.Cloud is null ? null : $"{answer.Cloud.ModelName}:{answer.Cloud.ModelVersion}");
        Add(parameters, "edge_ms", answer.Edge?.ElapsedMs);
        Add(parameters, "cloud_ms", answer.Cloud?.ElapsedMs);
        if (rows == 1)
        {
            Add(parameters, "edge_confidence", first.EdgeConfidence);
            Add(parameters, "escalation_reason", first.Reason);
        }
        else
        {
            parameters["tiers"] = Json(string.Join(",", answer.Rows.Select(r => r.Tier)));
            parameters["escalated_rows"] = Json(answer.Rows.Count(r => r.CloudClass is not null));
        }

        return new InferenceResponse
        {
            ModelName = request.Model,
            ModelVersion = answer.Cloud is not null && answer.Edge is null ? answer.Cloud.ModelVersion : answer.Edge?.ModelVersion,
            Id = request.RequestId,
            Parameters = parameters,
            Outputs = outputs,
        };
    }

    public static void WriteHeaders(HttpResponse response, HybridAnswer answer)
    {
        response.Headers["X-HI-Tier"] = answer.Tier;
        response.Headers["X-HI-Site"] = answer.Site;
        if (answer.EdgeNode is not null)
        {
            response.Headers["X-HI-Edge-Node"] = answer.EdgeNode;
        }

        if (answer.Rows.Count == 1 && answer.Rows[0].Reason is { } reason)
        {
            response.Headers["X-HI-Escalation-Reason"] = reason;
        }

        response.Headers["X-HI-Total-Ms"] = answer.TotalMs.ToString("F3", CultureInfo.InvariantCulture);
    }

    private static (int Class, float Confidence) Top(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return (best, row[best]);
    }

    private static void Add(Dictionary<string, JsonElement> parameters, string name, object? value)
    {
        if (value is not null)
        {
            parameters[name] = value switch
            {
                double d => Json(Math.Round(d, 6)),
                _ => Json(value),
            };
        }
    }

    private static JsonElement Json<T>(T value) => JsonSerializer.SerializeToElement(value);
}
