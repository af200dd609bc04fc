using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HybridInference.CloudInference.Tests.Apis;

public sealed class OipHttpApiTests(CloudFactory factory) : IClassFixture<CloudFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> InferAsync(string path, string body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {json}");
        return json;
    }

    private static float[] Floats(JsonElement output) => [.. output.GetProperty("data").EnumerateArray().Select(e => e.GetSingle())];

    private static float[] Direct(string onnx, int count, int skip = 0)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(TestData.Batch(count, skip), [count, 784]);
        using var results = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["input"], [input], ["probabilities"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    [Theory]
    [InlineData("/v2/health/live", "live")]
    [InlineData("/v2/health/ready", "ready")]
    public async Task Health_LiveAndReady_AreTrue(string path, string property)
    {
        var json = await _client.GetFromJsonAsync<JsonElement>(path);

        Assert.True(json.GetProperty(property).GetBoolean());
    }

    [Fact]
    public async Task Health_Default_IsHealthyWithStoreAndModels()
    {
        var json = await _client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        Assert.Contains("fashion-cloud/2: READY", json.GetProperty("checks").GetProperty("models").GetProperty("description").GetString());
    }

    [Fact]
    public async Task ServerMetadata_NamesServerAndExtensions()
    {
        var json = await _client.GetFromJsonAsync<JsonElement>("/v2");

        Assert.Equal("cloud-inference", json.GetProperty("name").GetString());
        Assert.Contains("classification", json.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/v2/models/fashion-cloud")]
    [InlineData("/v2/models/fashion-cloud/versions/1")]
    public async Task ModelMetadata_ListsVersionsAndTensors(string path)
    {
        var json = await _client.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal(["2", "1"], json.GetProperty("versions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("onnxruntime_onnx", json.GetProperty("platform").GetString());
        var input = json.GetProperty("inputs")[0];
        Assert.Equal("input", input.GetProperty("name").GetString());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal([-1L, 784L], input.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task ModelReady_ExplicitVersion_IsTrue()
    {
        var json = await _client.GetFromJsonAsync<JsonElement>("/v2/models/fashion-cloud/versions/1/ready");

        Assert.True(json.GetProperty("ready").GetBoolean());
        Assert.Equal("1", json.GetProperty("version").GetString());
    }

    [Fact]
    public async Task RepositoryIndex_ListsEveryVersionWithState()
    {
        using var response = await _client.PostAsync("/v2/repository/index", null);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(
            ["fashion-cloud/1 READY", "fashion-cloud/2 READY", "fashion-edge/1 READY"],
            json.EnumerateArray().Select(e => $"{e.GetProperty("name").GetString()}/{e.GetProperty("version").GetString()} {e.GetProperty("state").GetString()}").Order());
    }

    [Fact]
    public async Task Infer_NoVersion_IsServedByLatestVersion()
    {
        var json = await InferAsync("/v2/models/fashion-cloud/infer", TestData.InferBody(3));

        Assert.Equal("2", json.GetProperty("model_version").GetString());
        Assert.Equal("req-0", json.GetProperty("id").GetString());
        Assert.Equal(Direct(TestData.EdgeOnnx, 3).Select(v => Math.Round(v, 5)), Floats(json.GetProperty("outputs")[0]).Select(v => Math.Round(v, 5)));
    }

    [Fact]
    public async Task Infer_ExplicitVersion_IsServedByThatVersion()
    {
        var json = await InferAsync("/v2/models/fashion-cloud/versions/1/infer", TestData.InferBody(3));

        Assert.Equal("1", json.GetProperty("model_version").GetString());
        Assert.Equal(Direct(TestData.CloudOnnx, 3).Select(v => Math.Round(v, 5)), Floats(json.GetProperty("outputs")[0]).Select(v => Math.Round(v, 5)));
    }

    [Fact]
    public async Task Infer_BatchOf64_AnswersNBy10WithTheModelsAccuracy()
    {
        var json = await InferAsync("/v2/models/fashion-cloud/versions/1/infer", TestData.InferBody(64, skip: 100, extra: ""","parameters":{"top_class":true}"""));

        var outputs = json.GetProperty("outputs");
        Assert.Equal([64L, 10L], outputs[0].GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        var probabilities = Floats(outputs[0]);
        for (var r = 0; r < 64; r++)
        {
            Assert.Equal(1, probabilities.AsSpan(r * 10, 10).ToArray().Sum(), 3);
        }

        var top = outputs[1].GetProperty("data").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var correct = Enumerable.Range(0, 64).Count(r => top[r] == TestData.Images.Labels[100 + r]);
        Assert.True(correct >= 52, $"{correct}/64 correct; the cloud model is ~91 % accurate");
    }

    [Fact]
    public async Task Infer_NestedRows_EqualFlatData()
    {
        var rows = TestData.Batch(2).Chunk(784).Select(r => "[" + string.Join(",", r.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]");
        var nested = $$"""{"inputs":[{"name":"input","shape":[2,784],"datatype":"FP32","data":[{{string.Join(",", rows)}}]}]}""";

        var a = await InferAsync("/v2/models/fashion-cloud/infer", nested);
        var b = await InferAsync("/v2/models/fashion-cloud/infer", TestData.InferBody(2));

        Assert.Equal(Floats(b.GetProperty("outputs")[0]), Floats(a.GetProperty("outputs")[0]));
    }

    [Fact]
    public async Task Infer_ClassificationExtension_ReturnsLabels()
    {
        var json = await InferAsync("/v2/models/fashion-cloud/versions/1/infer", TestData.InferBody(1, extra: ""","outputs":[{"name":"probabilities","parameters":{"classification":1}}]"""));

        var output = json.GetProperty("outputs")[0];
        Assert.Equal("BYTES", output.GetProperty("datatype").GetString());
        Assert.EndsWith(":9:Ankle boot", output.GetProperty("data")[0].GetString());
    }
}
