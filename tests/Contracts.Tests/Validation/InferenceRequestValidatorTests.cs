using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Contracts.Validation;

namespace HybridInference.Contracts.Tests.Validation;

public class InferenceRequestValidatorTests
{
    private static readonly ModelMetadataResponse Model = new(
        "fashion-edge", ["1"], "onnxruntime_onnx",
        [new TensorMetadata("input", Datatypes.Fp32, [-1, 4])],
        [new TensorMetadata("probabilities", Datatypes.Fp32, [-1, 10])]);

    private static string? Validate(string json) =>
        InferenceRequestValidator.Validate(JsonSerializer.Deserialize(json, OipJsonContext.Default.InferenceRequest)!, Model, maxBatchSize: 4);

    [Fact]
    public void Validate_GoodRequest_IsNull() =>
        Assert.Null(Validate("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0,0,0,1]}]}"""));

    [Theory]
    [InlineData("""{}""", "request has no 'inputs'")]
    [InlineData("""{"inputs":[]}""", "request has no 'inputs'")]
    [InlineData("""{"inputs":[null]}""", "an input is null")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32"}]}""", "input 'input' has no 'data'")]
    [InlineData("""{"inputs":[{"name":"pixels","shape":[1,4],"datatype":"FP32","data":[0,0,0,1]}]}""", "model 'fashion-edge' has no input 'pixels'; its inputs are: input")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0,0,0,1]},{"name":"input","shape":[1,4],"datatype":"FP32","data":[0,0,0,1]}]}""", "appears more than once")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":["a","b","c","d"]}]}""", "its data are not numbers")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0,null,0,1]}]}""", "input 'input': data element 1 is null")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0,0,0,1]}],"outputs":[{"name":"logits"}]}""", "has no output 'logits'; available outputs: probabilities")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0,0,0,1]}],"outputs":[{}]}""", "a requested output has no 'name'")]
    public void Validate_BadRequest_NamesProblem(string json, string expected)
    {
        Assert.Contains(expected, Validate(json));
    }

    [Fact]
    public void Validate_ExtraOutputs_AreAccepted()
    {
        var request = JsonSerializer.Deserialize("""{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0,0,0,1]}],"outputs":[{"name":"top_class"}]}""", OipJsonContext.Default.InferenceRequest)!;

        Assert.Null(InferenceRequestValidator.Validate(request, Model, 4, ["top_class"]));
    }
}
