using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace HybridInference.Contracts.Oip;

/// <summary>
/// Parses an OIP v2 inference request body. The common shape (flat arrays of plain decimal numbers in
/// <c>data</c>, only the protocol's own properties) takes a fast path that scans the numbers straight off
/// the bytes instead of one <see cref="Utf8JsonReader"/> token per number, which is most of the cost of a
/// 784-number image (docs/BENCHMARKS.md). Anything else, every malformed body included, goes through
/// <see cref="JsonSerializer"/> with <see cref="OipJsonContext"/>, so the result and every error message
/// are exactly the serializer's; the fast path only ever returns what the serializer would have returned.
/// </summary>
public static class InferenceRequestParser
{
    private static readonly byte[][] RequestProperties = [.. new[] { "id", "parameters", "inputs", "outputs" }.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static readonly byte[][] InputProperties = [.. new[] { "name", "shape", "datatype", "parameters", "data" }.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Parses <paramref name="json"/>; throws <see cref="JsonException"/> for broken JSON, as the serializer does.</summary>
    public static InferenceRequest? Parse(ReadOnlySpan<byte> json) =>
        TryParseFast(json, out var request) ? request : JsonSerializer.Deserialize(json, OipJsonContext.Default.InferenceRequest);

    /// <summary>The fast path alone: false when the body is not of the common shape (the caller then uses the serializer).</summary>
    public static bool TryParseFast(ReadOnlySpan<byte> json, out InferenceRequest? request)
    {
        request = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
            var offset = 0;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var result = new InferenceRequest();
            var seen = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    // Content after the object is the serializer's error to report.
                    if (reader.Read())
                    {
                        return false;
                    }

                    request = result;
                    return true;
                }

                var property = PropertyOf(ref reader, RequestProperties, ref seen);
                if (property < 0 || !reader.Read())
                {
                    return false;
                }

                switch (property)
                {
                    case 0:
                        result.Id = JsonSerializer.Deserialize(ref reader, OipJsonContext.Default.String);
                        break;
                    case 1:
                        result.Parameters = JsonSerializer.Deserialize(ref reader, OipJsonContext.Default.DictionaryStringJsonElement);
                        break;
                    case 2:
                        if (!TryReadInputs(json, ref reader, ref offset, out var inputs))
                        {
                            return false;
                        }

                        result.Inputs = inputs;
                        break;
                    default:
                        result.Outputs = JsonSerializer.Deserialize(ref reader, OipJsonContext.Default.ListRequestOutput);
                        break;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The index of the current property name in <paramref name="names"/>, or -1 for another name or a repeated one.</summary>
    private static int PropertyOf(ref Utf8JsonReader reader, ReadOnlySpan<byte[]> names, ref int seen)
    {
        if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped)
        {
            return -1;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueSpan.SequenceEqual(names[i]))
            {
                if ((seen & (1 << i)) != 0)
                {
                    return -1;
                }

                seen |= 1 << i;
                return i;
            }
        }

        return -1;
    }

    private static bool TryReadInputs(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ref int offset, out List<RequestInput>? inputs)
    {
        inputs = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        inputs = [];
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var input = new RequestInput();
            var seen = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = PropertyOf(ref reader, InputProperties, ref seen);
                if (property < 0 || !reader.Read())
                {
                    return false;
                }

                switch (property)
                {
                    case 0:
                        input.Name = JsonSerializer.Deserialize(ref reader, OipJsonContext.Default.String);
                        break;
                    case 1:
                        input.Shape = JsonSerializer.Deserialize(ref reader, OipJsonContext.Default.ListInt64);
                        break;
                    case 2:
                        input.Datatype = JsonSerializer.Deserialize(ref reader, OipJsonContext.Default.String);
                        break;
                    case 3:
                        input.Parameters = JsonSerializer.Deserialize(ref reader, OipJsonContext.Default.DictionaryStringJsonElement);
                        break;
                    default:
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            return false;
                        }

                        // The numbers are scanned from the bytes; the reader then resumes at the closing bracket
                        // with the state it had after the opening one, as if it had read an empty array.
                        var start = offset + (int)reader.BytesConsumed;
                        var state = reader.CurrentState;
                        if (!TryScanNumbers(json, start, out var numbers, out var close))
                        {
                            return false;
                        }

                        input.Data = TensorData.FromNumbers(numbers);
                        offset = close;
                        reader = new Utf8JsonReader(json[close..], isFinalBlock: true, state);
                        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                        {
                            return false;
                        }

                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            inputs.Add(input);
        }

        return false;
    }

    /// <summary>
    /// Scans <c>number (, number)* ]</c> from <paramref name="start"/> (just after the <c>[</c>) with JSON's
    /// whitespace and number grammar. Declines (false) nested arrays, strings, literals, and numbers the exact
    /// fast conversion cannot take; <paramref name="close"/> is the index of the closing bracket.
    /// </summary>
    private static bool TryScanNumbers(ReadOnlySpan<byte> json, int start, out double[] numbers, out int close)
    {
        numbers = [];
        close = -1;
        var buffer = ArrayPool<double>.Shared.Rent(1024);
        var count = 0;
        try
        {
            var i = SkipWhitespace(json, start);
            if (i < json.Length && json[i] == (byte)']')
            {
                close = i;
                return true;
            }

            while (true)
            {
                if (!TryReadNumber(json, ref i, out var value))
                {
                    return false;
                }

                var end = i;

                if (count == buffer.Length)
                {
                    var larger = ArrayPool<double>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<double>.Shared.Return(buffer);
                    buffer = larger;
                }

                buffer[count++] = value;
                i = SkipWhitespace(json, end);
                if (i >= json.Length)
                {
                    return false;
                }

                if (json[i] == (byte)']')
                {
                    close = i;
                    numbers = buffer.AsSpan(0, count).ToArray();
                    return true;
                }

                if (json[i] != (byte)',')
                {
                    return false;
                }

                i = SkipWhitespace(json, i + 1);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Reads one JSON number at <paramref name="i"/>, moving <paramref name="i"/> past it: Clinger's exact path when it
    /// applies (<see cref="FastDecimal.TryRead"/>), else the full parser <see cref="Utf8JsonReader.GetDouble"/> uses.
    /// Either way the correctly rounded value. False for a malformed number or one too large for a double (the
    /// serializer reports those).
    /// </summary>
    private static bool TryReadNumber(ReadOnlySpan<byte> json, ref int i, out double value)
    {
        var start = i;
        if (!FastDecimal.TryRead(json, ref i, out value, out var exact))
        {
            return false;
        }

        if (exact)
        {
            return true;
        }

        var number = json[start..i];
        return Utf8Parser.TryParse(number, out value, out var consumed) && consumed == number.Length && double.IsFinite(value);
    }

}
