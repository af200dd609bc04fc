using System.Runtime.InteropServices;
using Aspire.Hosting.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using HybridInference.Contracts.Grpc;
using HybridInference.TestSupport;
using HybridInference.Training.Data;

namespace HybridInference.AppHost.Tests;

/// <summary>The router's gRPC surface on its h2c endpoint, as a Triton or KServe gRPC client uses it.</summary>
[Collection(MeshCollection.Name)]
public sealed class RouterGrpcTests(GarnetApp app)
{
    private static readonly ImageSet Images = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);

    private GRPCInferenceService.GRPCInferenceServiceClient Client(out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(app.App.GetEndpoint("router", "grpc"));
        return new GRPCInferenceService.GRPCInferenceServiceClient(channel);
    }

    private static ModelInferRequest Request(int first, int count, bool raw, string id)
    {
        var request = new ModelInferRequest { ModelName = "fashion", Id = id };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32", Shape = { count, 784 } };
        var pixels = Images.Pixels.AsSpan(first * 784, count * 784);
        if (raw)
        {
            request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(pixels)));
        }
        else
        {
            input.Contents = new InferTensorContents();
            input.Contents.Fp32Contents.AddRange(pixels.ToArray());
        }

        request.Inputs.Add(input);
        return request;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ModelInfer_Batch_IsAnsweredWithProbabilitiesAndTiers(bool raw)
    {
        var client = Client(out var channel);
        using var _ = channel;

        var response = await client.ModelInferAsync(Request(100, 8, raw, $"grpc-{raw}-{Guid.NewGuid():N}"));

        Assert.Equal("fashion", response.ModelName);
        var probabilities = raw
            ? MemoryMarshal.Cast<byte, float>(response.RawOutputContents[0].Span).ToArray()
            : response.Outputs[0].Contents.Fp32Contents.ToArray();
        Assert.Equal(80, probabilities.Length);
        Assert.Equal(8, response.Parameters["tiers"].StringParam.Split(',').Length);
        for (var row = 0; row < 8; row++)
        {
            Assert.InRange(probabilities.AsSpan(row * 10, 10).ToArray().Sum(), 0.999f, 1.001f);
        }
    }

    [Fact]
    public async Task HealthAndMetadata_Answer()
    {
        var client = Client(out var channel);
        using var _ = channel;

        Assert.True((await client.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await client.ServerReadyAsync(new ServerReadyRequest())).Ready);
        var metadata = await client.ModelMetadataAsync(new ModelMetadataRequest { Name = "fashion" });
        Assert.Equal("input", metadata.Inputs[0].Name);
        Assert.Equal([-1L, 784L], metadata.Inputs[0].Shape);
    }

    [Fact]
    public async Task BadRequests_GetTheProtocolsStatusCodes()
    {
        var client = Client(out var channel);
        using var _ = channel;
        var unknown = Request(0, 1, raw: false, "grpc-unknown");
        unknown.ModelName = "cats";
        var wrongShape = Request(0, 1, raw: false, "grpc-shape");
        wrongShape.Inputs[0].Shape[1] = 100;

        var notFound = await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(unknown).ResponseAsync);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => client.ModelInferAsync(wrongShape).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("the router serves: fashion", notFound.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
    }
}
