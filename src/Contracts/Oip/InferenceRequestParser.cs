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

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Reads one JSON number (<c>-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?</c>) at <paramref name="i"/> in one pass, moving
    /// <paramref name="i"/> past it. Short decimals take Clinger's exact fast path (digits that fit in 2^53 and a power
    /// of ten up to 10^22 are exact doubles, so one division or multiplication rounds correctly, see
    /// <see cref="FastDecimal"/>); others the full parser <see cref="Utf8JsonReader.GetDouble"/> uses. Either way the
    /// correctly rounded value. False for a malformed number or one too large for a double (the serializer reports those).
    /// </summary>
    private static bool TryReadNumber(ReadOnlySpan<byte> json, ref int i, out double value)
    {
        value = 0;
        var start = i;
        var negative = i < json.Length && json[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            return false;
        }

        ulong mantissa = 0;
        var digits = 0;
        var exponent = 0;
        if (json[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            for (; i < json.Length && IsDigit(json[i]); i++)
            {
                Accumulate(ref mantissa, ref digits, json[i]);
            }
        }

        if (i < json.Length && json[i] == (byte)'.')
        {
            var fraction = ++i;
            for (; i < json.Length && IsDigit(json[i]); i++)
            {
                Accumulate(ref mantissa, ref digits, json[i]);
                exponent--;
            }

            if (i == fraction)
            {
                return false;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            var negativeExponent = false;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                negativeExponent = json[i] == (byte)'-';
                i++;
            }

            var first = i;
            var explicitExponent = 0;
            for (; i < json.Length && IsDigit(json[i]); i++)
            {
                // Past 9,999 the exact path is out of reach anyway; the full parser below reads the digits.
                explicitExponent = Math.Min((explicitExponent * 10) + (json[i] - '0'), 10_000);
            }

            if (i == first)
            {
                return false;
            }

            exponent += negativeExponent ? -explicitExponent : explicitExponent;
        }

        if (digits <= 19 && mantissa <= MaxExactMantissa && exponent is >= -22 and <= 22)
        {
            var magnitude = exponent < 0 ? mantissa / PowersOfTen[-exponent] : mantissa * PowersOfTen[exponent];
            value = negative ? -magnitude : magnitude;
            return true;
        }

        var number = json[start..i];
        return Utf8Parser.TryParse(number, out value, out var consumed) && consumed == number.Length && double.IsFinite(value);
    }

    private const ulong MaxExactMantissa = 1UL << 53;

    /// <summary>Leading zeros cost nothing; past 19 significant digits the mantissa could overflow, and only the count goes on.</summary>
    private static void Accumulate(ref ulong mantissa, ref int digits, byte digit)
    {
        if (mantissa == 0 && digit == '0')
        {
            return;
        }

        if (++digits <= 19)
        {
            mantissa = (mantissa * 10) + (ulong)(digit - '0');
        }
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
