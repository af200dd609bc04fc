using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Inference.Serving;

namespace HybridInference.Inference.Http;

/// <summary>
/// Triton's binary tensor data extension for HTTP: the body is a JSON header of
/// <c>Inference-Header-Content-Length</c> bytes followed by raw little-endian tensors, each input or
/// output announcing its size in the <c>binary_data_size</c> parameter. Triton's Python and C++ HTTP
/// clients use it by default, and it spares both sides formatting and parsing numbers as text.
/// </summary>
internal static class BinaryTensorExtension
{
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";
    public const string BinaryDataSize = "binary_data_size";
    public const string BinaryData = "binary_data";
    public const string BinaryDataOutput = "binary_data_output";

    /// <summary>Parses a body whose first <paramref name="headerLength"/> bytes are JSON and the rest the inputs' binary data.</summary>
    public static InferenceRequest Parse(ReadOnlySpan<byte> body, string? headerLengthValue)
    {
        if (!int.TryParse(headerLengthValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var headerLength) || headerLength > body.Length)
        {
            throw new OipException(OipStatus.BadRequest, $"{HeaderLengthHeader} is '{headerLengthValue}' but must be the length of the JSON header, at most the body's {body.Length} bytes");
        }

        var request = RequestBodyReader.Parse(body[..headerLength]);
        var binary = body[headerLength..];
        var offset = 0;
        foreach (var input in request.Inputs ?? [])
        {
            if (input?.Parameters is null || !input.Parameters.TryGetValue(BinaryDataSize, out var sizeElement))
            {
                continue;
            }

            if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out var size) || size < 0)
            {
                throw new OipException(OipStatus.BadRequest, $"input '{input.Name}' parameter '{BinaryDataSize}' must be a byte count, not {sizeElement.GetRawText()}");
            }

            if (input.Data is not null)
            {
                throw new OipException(OipStatus.BadRequest, $"input '{input.Name}' has both 'data' and '{BinaryDataSize}'; use one");
            }

            if (offset + size > binary.Length)
            {
                throw new OipException(OipStatus.BadRequest, $"input '{input.Name}' declares {size} bytes of binary data but only {binary.Length - offset} follow the JSON header");
            }

            input.Data = FromBytes(input.Datatype, binary.Slice(offset, size));
            offset += size;
        }

        if (offset != binary.Length)
        {
            throw new OipException(OipStatus.BadRequest, $"the body carries {binary.Length} bytes after the JSON header but the inputs' '{BinaryDataSize}' add up to {offset}");
        }

        return request;
    }

    /// <summary>Whether <paramref name="output"/> is to be sent as binary: its own <c>binary_data</c> parameter, else the request's <c>binary_data_output</c>.</summary>
    public static bool WantsBinary(InferenceRequest request, string output)
    {
        var requested = request.Outputs?.FirstOrDefault(o => o.Name == output);
        if (requested?.Parameters?.TryGetValue(BinaryData, out var own) == true && own.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return own.ValueKind == JsonValueKind.True;
        }

        return request.Parameters?.TryGetValue(BinaryDataOutput, out var all) == true && all.ValueKind == JsonValueKind.True;
    }

    /// <summary>Writes the response as JSON header + binary outputs; returns the body and the header's length.</summary>
    public static (byte[] Body, int HeaderLength) Write(InferenceResponse response, Func<string, bool> binary)
    {
        using var header = new MemoryStream();
        List<byte[]> blobs = [];
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteString("model_name", response.ModelName);
            writer.WriteString("model_version", response.ModelVersion);
            writer.WriteString("id", response.Id);
            writer.WriteStartArray("outputs");
            foreach (var output in response.Outputs)
            {
                writer.WriteStartObject();
                writer.WriteString("name", output.Name);
                writer.WriteString("datatype", output.Datatype);
                writer.WriteStartArray("shape");
                foreach (var dim in output.Shape)
                {
                    writer.WriteNumberValue(dim);
                }

                writer.WriteEndArray();
                if (binary(output.Name))
                {
                    var bytes = ToBytes(output.Data);
                    blobs.Add(bytes);
                    writer.WriteStartObject("parameters");
                    writer.WriteNumber(BinaryDataSize, bytes.Length);
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WritePropertyName("data");
                    JsonSerializer.Serialize(writer, output.Data, OipJsonContext.Default.TensorData);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var headerLength = (int)header.Length;
        foreach (var blob in blobs)
        {
            header.Write(blob);
        }

        return (header.ToArray(), headerLength);
    }

    private static TensorData FromBytes(string? datatype, ReadOnlySpan<byte> bytes)
    {
        if (datatype == Datatypes.Fp32)
        {
            return bytes.Length % sizeof(float) == 0
                ? TensorData.FromSingles(MemoryMarshal.Cast<byte, float>(bytes).ToArray())
                : TensorData.Invalid($"binary data of {bytes.Length} bytes is not a whole number of FP32 values");
        }

        // Other datatypes fail validation against the FP32 models; only their element count matters.
        var size = datatype is null ? 0 : Datatypes.ElementSize(datatype);
        return size == 0 || bytes.Length % size != 0
            ? TensorData.Invalid($"binary data of {bytes.Length} bytes does not hold whole {datatype} values")
            : TensorData.FromNumbers(new double[bytes.Length / size]);
    }

    private static byte[] ToBytes(TensorData data)
    {
        if (data.Singles is { } singles)
        {
            return MemoryMarshal.AsBytes(singles.AsSpan()).ToArray();
        }

        if (data.Int64s is { } longs)
        {
            return MemoryMarshal.AsBytes(longs.AsSpan()).ToArray();
        }

        // BYTES elements: a 4-byte little-endian length, then the UTF-8 bytes.
        using var stream = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var s in data.Strings ?? [])
        {
            var utf8 = Encoding.UTF8.GetBytes(s);
            BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
            stream.Write(length);
            stream.Write(utf8);
        }

        return stream.ToArray();
    }
}
