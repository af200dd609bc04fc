using System.Runtime.InteropServices;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Collections;
using HybridInference.Contracts.Grpc;
using HybridInference.Contracts.Oip;

namespace HybridInference.Contracts.Grpc;

/// <summary>
/// Translates between the protocol's gRPC messages and the JSON-shaped request/response the engine
/// works on. FP32 data moves as float arrays either way; raw contents are little-endian bytes, as the
/// spec prescribes (and as every platform .NET runs on stores floats).
/// </summary>
public static class GrpcMapping
{
    public static InferenceRequest ToRequest(ModelInferRequest message)
    {
        var raw = message.RawInputContents;
        if (raw.Count > 0 && raw.Count != message.Inputs.Count)
        {
            throw new OipException(OipStatus.BadRequest, $"raw_input_contents has {raw.Count} entries but the request has {message.Inputs.Count} inputs; send one per input, in order");
        }

        List<RequestInput> inputs = new(message.Inputs.Count);
        for (var i = 0; i < message.Inputs.Count; i++)
        {
            var tensor = message.Inputs[i];
            TensorData data;
            if (raw.Count > 0)
            {
                if (tensor.Contents is not null && HasContents(tensor.Contents))
                {
                    throw new OipException(OipStatus.BadRequest, $"input '{tensor.Name}' has both contents and raw_input_contents; use one");
                }

                data = FromRaw(tensor.Name, tensor.Datatype, raw[i]);
            }
            else
            {
                data = FromContents(tensor.Datatype, tensor.Contents);
            }

            inputs.Add(new RequestInput
            {
                Name = tensor.Name,
                Datatype = tensor.Datatype,
                Shape = [.. tensor.Shape],
                Parameters = ToJson(tensor.Parameters),
                Data = data,
            });
        }

        return new InferenceRequest
        {
            Id = message.Id,
            Parameters = ToJson(message.Parameters),
            Inputs = inputs,
            Outputs = message.Outputs.Count == 0 ? null : [.. message.Outputs.Select(o => new RequestOutput { Name = o.Name, Parameters = ToJson(o.Parameters) })],
        };
    }

    public static ModelInferResponse ToMessage(InferenceResponse response, bool raw)
    {
        var message = new ModelInferResponse { ModelName = response.ModelName, ModelVersion = response.ModelVersion ?? "", Id = response.Id ?? "" };
        foreach (var (name, value) in response.Parameters ?? [])
        {
            if (ToParameter(value) is { } parameter)
            {
                message.Parameters[name] = parameter;
            }
        }

        foreach (var output in response.Outputs)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = output.Datatype };
            tensor.Shape.AddRange(output.Shape);
            if (raw)
            {
                message.RawOutputContents.Add(ToRaw(output.Data));
            }
            else
            {
                tensor.Contents = ToContents(output.Data);
            }

            message.Outputs.Add(tensor);
        }

        return message;
    }

    private static TensorData FromRaw(string name, string datatype, ByteString bytes)
    {
        if (datatype == Datatypes.Fp32)
        {
            if (bytes.Length % sizeof(float) != 0)
            {
                throw new OipException(OipStatus.BadRequest, $"input '{name}' raw contents are {bytes.Length} bytes, not a whole number of FP32 values");
            }

            return TensorData.FromSingles(MemoryMarshal.Cast<byte, float>(bytes.Span).ToArray());
        }

        // Other datatypes fail validation against the FP32 models; only their element count matters.
        var size = Datatypes.ElementSize(datatype);
        return size == 0 || bytes.Length % size != 0
            ? TensorData.Invalid($"raw contents of {bytes.Length} bytes do not hold whole {datatype} values")
            : TensorData.FromNumbers(new double[bytes.Length / size]);
    }

    private static TensorData FromContents(string datatype, InferTensorContents? contents)
    {
        if (contents is null)
        {
            return TensorData.FromSingles([]);
        }

        if (contents.Fp32Contents.Count > 0 || datatype == Datatypes.Fp32)
        {
            return TensorData.FromSingles([.. contents.Fp32Contents]);
        }

        if (contents.BytesContents.Count > 0)
        {
            return TensorData.FromStrings([.. contents.BytesContents.Select(b => b.ToStringUtf8())]);
        }

        if (contents.BoolContents.Count > 0)
        {
            return TensorData.FromBooleans([.. contents.BoolContents]);
        }

        IEnumerable<double> numbers = contents.Fp64Contents.Count > 0 ? contents.Fp64Contents
            : contents.Int64Contents.Count > 0 ? contents.Int64Contents.Select(v => (double)v)
            : contents.IntContents.Count > 0 ? contents.IntContents.Select(v => (double)v)
            : contents.UintContents.Count > 0 ? contents.UintContents.Select(v => (double)v)
            : contents.Uint64Contents.Select(v => (double)v);
        return TensorData.FromNumbers([.. numbers]);
    }

    private static bool HasContents(InferTensorContents c) =>
        c.Fp32Contents.Count + c.Fp64Contents.Count + c.IntContents.Count + c.Int64Contents.Count + c.UintContents.Count
        + c.Uint64Contents.Count + c.BoolContents.Count + c.BytesContents.Count > 0;

    private static ByteString ToRaw(TensorData data)
    {
        if (data.Singles is { } singles)
        {
            return ByteString.CopyFrom(MemoryMarshal.AsBytes(singles.AsSpan()));
        }

        if (data.Int64s is { } longs)
        {
            return ByteString.CopyFrom(MemoryMarshal.AsBytes(longs.AsSpan()));
        }

        // BYTES elements in raw form are each a 4-byte little-endian length followed by the bytes.
        using var stream = new MemoryStream();
        foreach (var s in data.Strings ?? [])
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(s);
            stream.Write(BitConverter.GetBytes(utf8.Length));
            stream.Write(utf8);
        }

        return ByteString.CopyFrom(stream.ToArray());
    }

    private static InferTensorContents ToContents(TensorData data)
    {
        var contents = new InferTensorContents();
        if (data.Singles is { } singles)
        {
            contents.Fp32Contents.AddRange(singles);
        }
        else if (data.Int64s is { } longs)
        {
            contents.Int64Contents.AddRange(longs);
        }
        else if (data.Strings is { } strings)
        {
            contents.BytesContents.AddRange(strings.Select(ByteString.CopyFromUtf8));
        }

        return contents;
    }

    /// <summary>A JSON parameter as the protocol's typed parameter; null for values it cannot carry (objects, arrays, null).</summary>
    private static InferParameter? ToParameter(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => new InferParameter { BoolParam = value.GetBoolean() },
        JsonValueKind.String => new InferParameter { StringParam = value.GetString() },
        JsonValueKind.Number when value.TryGetInt64(out var integer) => new InferParameter { Int64Param = integer },
        JsonValueKind.Number => new InferParameter { DoubleParam = value.GetDouble() },
        _ => null,
    };

    private static Dictionary<string, JsonElement>? ToJson(MapField<string, InferParameter> parameters)
    {
        if (parameters.Count == 0)
        {
            return null;
        }

        Dictionary<string, JsonElement> json = new(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            if (value.ParameterChoiceCase == InferParameter.ParameterChoiceOneofCase.None)
            {
                continue;
            }

            json[key] = value.ParameterChoiceCase switch
            {
                InferParameter.ParameterChoiceOneofCase.BoolParam => JsonSerializer.SerializeToElement(value.BoolParam, OipJsonContext.Default.Boolean),
                InferParameter.ParameterChoiceOneofCase.Int64Param => JsonSerializer.SerializeToElement(value.Int64Param, OipJsonContext.Default.Int64),
                InferParameter.ParameterChoiceOneofCase.Uint64Param => JsonSerializer.SerializeToElement(value.Uint64Param, OipJsonContext.Default.UInt64),
                InferParameter.ParameterChoiceOneofCase.DoubleParam => JsonSerializer.SerializeToElement(value.DoubleParam, OipJsonContext.Default.Double),
                InferParameter.ParameterChoiceOneofCase.StringParam => JsonSerializer.SerializeToElement(value.StringParam, OipJsonContext.Default.String),
                _ => throw new InvalidOperationException($"unexpected parameter kind {value.ParameterChoiceCase}"),
            };
        }

        return json;
    }

    /// <summary>The gRPC status of a refusal, from the HTTP status the protocol gives it.</summary>
    public static global::Grpc.Core.RpcException ToRpc(int httpStatus, string message) => new(new global::Grpc.Core.Status(
        httpStatus switch
        {
            OipStatus.NotFound => global::Grpc.Core.StatusCode.NotFound,
            OipStatus.PayloadTooLarge => global::Grpc.Core.StatusCode.ResourceExhausted,
            OipStatus.ServiceUnavailable => global::Grpc.Core.StatusCode.Unavailable,
            409 => global::Grpc.Core.StatusCode.AlreadyExists,
            _ => global::Grpc.Core.StatusCode.InvalidArgument,
        },
        message));

    /// <summary>A model's metadata as the gRPC message.</summary>
    public static ModelMetadataResponse ToMessage(HybridInference.Contracts.Oip.ModelMetadataResponse metadata)
    {
        var response = new ModelMetadataResponse { Name = metadata.Name, Platform = metadata.Platform };
        response.Versions.AddRange(metadata.Versions);
        response.Inputs.AddRange(metadata.Inputs.Select(ToMessage));
        response.Outputs.AddRange(metadata.Outputs.Select(ToMessage));
        return response;
    }

    private static ModelMetadataResponse.Types.TensorMetadata ToMessage(HybridInference.Contracts.Oip.TensorMetadata tensor)
    {
        var message = new ModelMetadataResponse.Types.TensorMetadata { Name = tensor.Name, Datatype = tensor.Datatype };
        message.Shape.AddRange(tensor.Shape);
        return message;
    }
}
