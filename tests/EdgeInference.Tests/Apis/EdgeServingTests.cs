using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Net.Client;
using HybridInference.Contracts.Grpc;

namespace HybridInference.EdgeInference.Tests.Apis;

public sealed class EdgeServingTests(EdgeFactory factory) : IClassFixture<EdgeFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Ready_AfterLoadAndWarmUp_ServesOnlyItsOneModel()
    {
        Assert.True((await _client.GetFromJsonAsync<JsonElement>("/v2/health/ready")).GetProperty("ready").GetBoolean());
        using var index = await _client.PostAsync("/v2/repository/index", null);
        var entries = (await index.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal("fashion-edge/1 READY", Assert.Single(entries.Select(e => $"{e.GetProperty("name").GetString()}/{e.GetProperty("version").GetString()} {e.GetProperty("state").GetString()}")));

        using var cloud = await _client.GetAsync("/v2/models/fashion-cloud");
        Assert.Equal(HttpStatusCode.NotFound, cloud.StatusCode);
    }

    [Fact]
    public async Task Health_IsHealthyWithStoreAndModel()
    {
        var json = await _client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Infer_TestImages_AnswersLikeTheEdgeModel()
    {
        using var response = await _client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(TestData.InferBody(100, extra: ""","parameters":{"top_class":true}"""), Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fashion-edge", json.GetProperty("model_name").GetString());
        var top = json.GetProperty("outputs")[1].GetProperty("data").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var correct = Enumerable.Range(0, 100).Count(i => top[i] == TestData.Images.Labels[i]);
        Assert.InRange(correct, 78, 95);
    }

    [Fact]
    public async Task Infer_WrongShape_Is400AndTheNodeStaysReady()
    {
        var body = TestData.InferBody(1).Replace("[1,784]", "[1,28,28]", StringComparison.Ordinal);

        using var response = await _client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expects [-1, 784]", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/v2/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Grpc_RawInfer_MatchesHttp()
    {
        using var channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });
        var client = new GRPCInferenceService.GRPCInferenceServiceClient(channel);
        var request = new ModelInferRequest { ModelName = "fashion-edge" };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32" };
        input.Shape.AddRange([2, 784]);
        request.Inputs.Add(input);
        request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(TestData.Batch(2).AsSpan())));

        var grpc = await client.ModelInferAsync(request);
        using var http = await _client.PostAsync("/v2/models/fashion-edge/infer", new StringContent(TestData.InferBody(2), Encoding.UTF8, "application/json"));
        var json = await http.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(
            json.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()),
            MemoryMarshal.Cast<byte, float>(grpc.RawOutputContents[0].Span).ToArray());
    }
}
