using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Training.Data;

namespace HybridInference.AppHost.Tests;

/// <summary>Sends test-split images to the router as a KServe client would: OIP v2 JSON over HTTP.</summary>
internal static class OipClient
{
    public static JsonObject Request(ImageSet set, int first, int count, string id, bool labels = true)
    {
        var pixels = new JsonArray();
        foreach (var value in set.Pixels.AsSpan(first * 784, count * 784))
        {
            pixels.Add(value);
        }

        var body = new JsonObject
        {
            ["id"] = id,
            ["inputs"] = new JsonArray { new JsonObject { ["name"] = "input", ["shape"] = new JsonArray(count, 784), ["datatype"] = "FP32", ["data"] = pixels } },
        };
        if (labels)
        {
            body["parameters"] = new JsonObject
            {
                ["labels"] = string.Join(",", set.Labels.AsSpan(first, count).ToArray().Select(l => l.ToString(CultureInfo.InvariantCulture))),
            };
        }

        return body;
    }

    /// <summary>The predicted class of each row of an answer.</summary>
    public static int[] Classes(JsonElement answer)
    {
        var output = answer.GetProperty("outputs").EnumerateArray().First(o => o.GetProperty("name").GetString() == "probabilities");
        var values = output.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var rows = output.GetProperty("shape")[0].GetInt32();
        return Enumerable.Range(0, rows).Select(r => HybridInference.Training.Evaluation.Predictions.ArgMax(values.AsSpan(r * 10, 10))).ToArray();
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> InferAsync(HttpClient router, JsonObject request, CancellationToken cancellationToken = default)
    {
        var response = await router.PostAsJsonAsync("/v2/models/fashion/infer", request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (response, body);
    }
}
