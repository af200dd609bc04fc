using System.Runtime.InteropServices;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using HybridInference.Contracts.Grpc;

namespace HybridInference.CloudInference.Tests.Grpc;

/// <summary>The gRPC surface through a real gRPC client (HTTP/2 over the test server), as a Triton client would call it.</summary>
public sealed class OipGrpcServiceTests : IClassFixture<CloudFactory>, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;

    public OipGrpcServiceTests(CloudFactory factory)
    {
        _channel = GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
    }

    public void Dispose() => _channel.Dispose();

    private static ModelInferRequest Request(int count, bool raw, string version = "")
    {
        var request = new ModelInferRequest { ModelName = "fashion-cloud", ModelVersion = version, Id = "g" };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32" };
        input.Shape.AddRange([count, 784]);
        var pixels = TestData.Batch(count);
        if (raw)
        {
            request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(pixels.AsSpan())));
        }
        else
        {
            input.Contents = new InferTensorContents();
            input.Contents.Fp32Contents.AddRange(pixels);
        }

        request.Inputs.Add(input);
        return request;
    }

    [Fact]
    public async Task HealthAndMetadata_AnswerAsTheProtocolSays()
    {
        Assert.True((await _client.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await _client.ServerReadyAsync(new ServerReadyRequest())).Ready);
        Assert.True((await _client.ModelReadyAsync(new ModelReadyRequest { Name = "fashion-cloud", Version = "1" })).Ready);
        Assert.Equal("cloud-inference", (await _client.ServerMetadataAsync(new ServerMetadataRequest())).Name);

        var metadata = await _client.ModelMetadataAsync(new ModelMetadataRequest { Name = "fashion-cloud" });
        Assert.Equal(["2", "1"], metadata.Versions);
        Assert.Equal("input", metadata.Inputs[0].Name);
        Assert.Equal([-1L, 784L], metadata.Inputs[0].Shape);
    }

    [Fact]
    public async Task ModelInfer_RawAndTypedContents_GiveTheSameProbabilities()
    {
        var raw = await _client.ModelInferAsync(Request(4, raw: true, version: "1"));
        var typed = await _client.ModelInferAsync(Request(4, raw: false, version: "1"));

        var fromRaw = MemoryMarshal.Cast<byte, float>(raw.RawOutputContents[0].Span).ToArray();
        Assert.Equal(40, fromRaw.Length);
        Assert.Equal(typed.Outputs[0].Contents.Fp32Contents, fromRaw);
        Assert.Equal([4L, 10L], raw.Outputs[0].Shape);
        Assert.Equal("1", raw.ModelVersion);
        Assert.Equal("g", raw.Id);
    }

    [Fact]
    public async Task ModelInfer_TopClassParameter_ReturnsClassesThatAreMostlyRight()
    {
        var request = Request(32, raw: true, version: "1");
        request.Parameters["top_class"] = new InferParameter { BoolParam = true };

        var response = await _client.ModelInferAsync(request);

        var top = MemoryMarshal.Cast<byte, long>(response.RawOutputContents[1].Span).ToArray();
        Assert.Equal("top_class", response.Outputs[1].Name);
        Assert.True(Enumerable.Range(0, 32).Count(i => top[i] == TestData.Images.Labels[i]) >= 26);
    }

    [Fact]
    public async Task ModelInfer_UnknownModel_IsNotFound()
    {
        var request = Request(1, raw: true);
        request.ModelName = "resnet50";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.ModelInferAsync(request));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("unknown model 'resnet50'", error.Status.Detail);
    }

    [Fact]
    public async Task ModelInfer_ShapeMismatch_IsInvalidArgumentWithTheHttpMessage()
    {
        var request = Request(1, raw: true);
        request.Inputs[0].Shape[0] = 2;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.ModelInferAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("input 'input' has 784 data elements but shape [2, 784] needs 1568", error.Status.Detail);
        Assert.True((await _client.ServerReadyAsync(new ServerReadyRequest())).Ready);
    }

    [Fact]
    public async Task ModelInfer_NaNInRawContents_IsInvalidArgument()
    {
        var request = Request(1, raw: false);
        request.Inputs[0].Contents.Fp32Contents[5] = float.NaN;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.ModelInferAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("element 5 is NaN", error.Status.Detail);
    }

    [Fact]
    public async Task ModelMetadata_UnknownVersion_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.ModelMetadataAsync(new ModelMetadataRequest { Name = "fashion-cloud", Version = "7" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
