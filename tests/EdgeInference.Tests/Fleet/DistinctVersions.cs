using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>New versions of fashion-edge for a real registry: each a loadable model with content no other version has.</summary>
internal static class DistinctVersions
{
    /// <summary>Registers the committed edge model with an unknown protobuf field appended (ONNX Runtime skips it), so its digest is new.</summary>
    public static async Task<(int Version, string Digest, byte[] Bytes)> RegisterAsync(HttpClient registry)
    {
        var onnx = await File.ReadAllBytesAsync(Path.Combine(TestData.Root, "models", "fashion-edge", "1", "model.onnx"));
        var marker = System.Text.Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N"));
        byte[] model = [.. onnx, 0xA2, 0x06, (byte)marker.Length, .. marker];
        var card = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestData.Root, "models", "fashion-edge", "1", "model-card.json")))!.AsObject();
        var sha = Convert.ToHexStringLower(SHA256.HashData(model));
        card["file"]!["sha256"] = sha;
        card["file"]!["sizeBytes"] = model.Length;
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(model), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("edge-test"), "actor" },
        };
        using var response = await registry.PostAsync("/api/models/fashion-edge/versions", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode is HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("version").GetInt32(), body.GetProperty("digest").GetString()!, model);
    }
}
