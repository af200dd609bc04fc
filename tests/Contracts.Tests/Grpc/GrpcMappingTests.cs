using System.Runtime.InteropServices;
using Google.Protobuf;
using HybridInference.Contracts.Grpc;
using HybridInference.Contracts.Oip;

namespace HybridInference.Contracts.Tests.Grpc;

public class GrpcMappingTests
{
    private static ModelInferRequest Message(string datatype = "FP32")
    {
        var message = new ModelInferRequest { ModelName = "m", Id = "g1" };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = datatype };
        input.Shape.AddRange([1, 3]);
        message.Inputs.Add(input);
        return message;
    }

    [Fact]
    public void ToRequest_RawContents_AreLittleEndianFloats()
    {
        var message = Message();
        float[] values = [0.25f, 0.5f, 1f];
        message.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())));

        var request = GrpcMapping.ToRequest(message);

        Assert.Equal(values, request.Inputs![0].Data!.Singles!);
        Assert.Equal([1L, 3L], request.Inputs[0].Shape!);
        Assert.Equal("g1", request.Id);
    }

    [Fact]
    public void ToRequest_TypedContents_AreUsed()
    {
        var message = Message();
        message.Inputs[0].Contents = new InferTensorContents();
        message.Inputs[0].Contents.Fp32Contents.AddRange([0.1f, 0.2f, 0.3f]);

        Assert.Equal([0.1f, 0.2f, 0.3f], GrpcMapping.ToRequest(message).Inputs![0].Data!.Singles!);
    }

    [Fact]
    public void ToRequest_Parameters_BecomeJsonValues()
    {
        var message = Message();
        message.Parameters["top_class"] = new InferParameter { BoolParam = true };
        message.Parameters["priority"] = new InferParameter { Int64Param = 3 };

        var request = GrpcMapping.ToRequest(message);

        Assert.Equal(System.Text.Json.JsonValueKind.True, request.Parameters!["top_class"].ValueKind);
        Assert.Equal(3, request.Parameters["priority"].GetInt64());
    }

    [Fact]
    public void ToRequest_RawCountMismatch_Is400()
    {
        var message = Message();
        message.RawInputContents.Add(ByteString.CopyFrom(new byte[12]));
        message.RawInputContents.Add(ByteString.CopyFrom(new byte[12]));

        Assert.Contains("raw_input_contents has 2 entries but the request has 1 inputs", Assert.Throws<OipException>(() => GrpcMapping.ToRequest(message)).Message);
    }

    [Fact]
    public void ToRequest_RawNotWholeFloats_Is400()
    {
        var message = Message();
        message.RawInputContents.Add(ByteString.CopyFrom(new byte[11]));

        Assert.Contains("not a whole number of FP32 values", Assert.Throws<OipException>(() => GrpcMapping.ToRequest(message)).Message);
    }

    [Fact]
    public void ToMessage_Raw_WritesBytesPerOutputInOrder()
    {
        var response = new InferenceResponse
        {
            ModelName = "m",
            ModelVersion = "1",
            Id = "g1",
            Outputs =
            [
                new ResponseOutput { Name = "probabilities", Datatype = "FP32", Shape = [1, 2], Data = TensorData.FromSingles([0.75f, 0.25f]) },
                new ResponseOutput { Name = "top_class", Datatype = "INT64", Shape = [1], Data = TensorData.FromInt64s([0]) },
            ],
        };

        var message = GrpcMapping.ToMessage(response, raw: true);

        Assert.Equal(2, message.RawOutputContents.Count);
        Assert.Equal([0.75f, 0.25f], MemoryMarshal.Cast<byte, float>(message.RawOutputContents[0].Span).ToArray());
        Assert.Equal(8, message.RawOutputContents[1].Length);
        Assert.Null(message.Outputs[0].Contents);
        Assert.Equal([1L, 2L], message.Outputs[0].Shape);
    }

    [Fact]
    public void ToMessage_Typed_FillsContents()
    {
        var response = new InferenceResponse
        {
            ModelName = "m",
            Outputs = [new ResponseOutput { Name = "c", Datatype = "BYTES", Shape = [1], Data = TensorData.FromStrings(["0.9:3:Dress"]) }],
        };

        var message = GrpcMapping.ToMessage(response, raw: false);

        Assert.Equal("0.9:3:Dress", message.Outputs[0].Contents.BytesContents[0].ToStringUtf8());
        Assert.Empty(message.RawOutputContents);
    }

    [Fact]
    public void ToMessage_ResponseParameters_AreTypedProtocolParameters()
    {
        var response = new InferenceResponse
        {
            ModelName = "fashion",
            Outputs = [],
            Parameters = new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["tier"] = System.Text.Json.JsonSerializer.SerializeToElement("edge"),
                ["escalated_rows"] = System.Text.Json.JsonSerializer.SerializeToElement(3),
                ["edge_ms"] = System.Text.Json.JsonSerializer.SerializeToElement(1.25),
                ["degraded"] = System.Text.Json.JsonSerializer.SerializeToElement(true),
                ["ignored"] = System.Text.Json.JsonSerializer.SerializeToElement(new[] { 1, 2 }),
            },
        };

        var message = GrpcMapping.ToMessage(response, raw: false);

        Assert.Equal("edge", message.Parameters["tier"].StringParam);
        Assert.Equal(3, message.Parameters["escalated_rows"].Int64Param);
        Assert.Equal(1.25, message.Parameters["edge_ms"].DoubleParam);
        Assert.True(message.Parameters["degraded"].BoolParam);
        Assert.False(message.Parameters.ContainsKey("ignored"));
    }
}
