using Google.Protobuf.Reflection;
using HybridInference.Contracts.Grpc;

namespace HybridInference.Contracts.Tests.Protos;

/// <summary>
/// Pins the names and field numbers of the published KServe/Triton protocol: a renumbered field would
/// still compile and pass every round-trip test, yet break every Triton client on the wire.
/// </summary>
public class WireCompatibilityTests
{
    [Fact]
    public void Service_HasPublishedPackageNameAndMethods()
    {
        var service = GrpcPredictV2Reflection.Descriptor.Services.Single();

        Assert.Equal("inference", GrpcPredictV2Reflection.Descriptor.Package);
        Assert.Equal("inference.GRPCInferenceService", service.FullName);
        Assert.Equal(
            ["ServerLive", "ServerReady", "ModelReady", "ServerMetadata", "ModelMetadata", "ModelInfer"],
            service.Methods.Select(m => m.Name));
    }

    public static TheoryData<string, string, int> Fields => new()
    {
        { "inference.ModelInferRequest", "model_name", 1 },
        { "inference.ModelInferRequest", "model_version", 2 },
        { "inference.ModelInferRequest", "id", 3 },
        { "inference.ModelInferRequest", "parameters", 4 },
        { "inference.ModelInferRequest", "inputs", 5 },
        { "inference.ModelInferRequest", "outputs", 6 },
        { "inference.ModelInferRequest", "raw_input_contents", 7 },
        { "inference.ModelInferRequest.InferInputTensor", "name", 1 },
        { "inference.ModelInferRequest.InferInputTensor", "datatype", 2 },
        { "inference.ModelInferRequest.InferInputTensor", "shape", 3 },
        { "inference.ModelInferRequest.InferInputTensor", "parameters", 4 },
        { "inference.ModelInferRequest.InferInputTensor", "contents", 5 },
        { "inference.ModelInferRequest.InferRequestedOutputTensor", "name", 1 },
        { "inference.ModelInferRequest.InferRequestedOutputTensor", "parameters", 2 },
        { "inference.ModelInferResponse", "model_name", 1 },
        { "inference.ModelInferResponse", "model_version", 2 },
        { "inference.ModelInferResponse", "id", 3 },
        { "inference.ModelInferResponse", "parameters", 4 },
        { "inference.ModelInferResponse", "outputs", 5 },
        { "inference.ModelInferResponse", "raw_output_contents", 6 },
        { "inference.ModelInferResponse.InferOutputTensor", "contents", 5 },
        { "inference.InferParameter", "bool_param", 1 },
        { "inference.InferParameter", "int64_param", 2 },
        { "inference.InferParameter", "string_param", 3 },
        { "inference.InferParameter", "double_param", 4 },
        { "inference.InferParameter", "uint64_param", 5 },
        { "inference.InferTensorContents", "bool_contents", 1 },
        { "inference.InferTensorContents", "int_contents", 2 },
        { "inference.InferTensorContents", "int64_contents", 3 },
        { "inference.InferTensorContents", "uint_contents", 4 },
        { "inference.InferTensorContents", "uint64_contents", 5 },
        { "inference.InferTensorContents", "fp32_contents", 6 },
        { "inference.InferTensorContents", "fp64_contents", 7 },
        { "inference.InferTensorContents", "bytes_contents", 8 },
        { "inference.ModelMetadataResponse", "name", 1 },
        { "inference.ModelMetadataResponse", "versions", 2 },
        { "inference.ModelMetadataResponse", "platform", 3 },
        { "inference.ModelMetadataResponse", "inputs", 4 },
        { "inference.ModelMetadataResponse", "outputs", 5 },
        { "inference.ModelMetadataResponse.TensorMetadata", "shape", 3 },
        { "inference.ServerMetadataResponse", "extensions", 3 },
        { "inference.ModelReadyRequest", "version", 2 },
        { "inference.ServerLiveResponse", "live", 1 },
        { "inference.ServerReadyResponse", "ready", 1 },
        { "inference.ModelReadyResponse", "ready", 1 },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Field_HasPublishedNumber(string message, string field, int number)
    {
        var descriptor = AllMessages(GrpcPredictV2Reflection.Descriptor.MessageTypes).Single(m => m.FullName == message);

        Assert.Equal(number, descriptor.FindFieldByName(field).FieldNumber);
    }

    private static IEnumerable<MessageDescriptor> AllMessages(IEnumerable<MessageDescriptor> messages) =>
        messages.SelectMany(m => AllMessages(m.NestedTypes).Prepend(m));
}
