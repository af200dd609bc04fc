using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>
/// Reads tensor data straight from the token stream (no intermediate DOM, which matters for a 784-number
/// image at thousands of requests per second) and flattens nested arrays. Content problems become
/// <see cref="TensorData.Problem"/>; only broken JSON syntax surfaces as a <see cref="JsonException"/>.
/// </summary>
public sealed class TensorDataJsonConverter : JsonConverter<TensorData>
{
    private const int MaxNesting = 32;

    public override TensorData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            var kind = reader.TokenType;
            reader.Skip();
            return TensorData.Invalid($"data must be an array, not {Describe(kind)}");
        }

        List<double>? numbers = null;
        List<string>? strings = null;
        List<bool>? booleans = null;
        string? problem = null;
        var index = 0;
        var depth = 0;
        do
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    if (++depth > MaxNesting)
                    {
                        problem ??= $"data is nested deeper than {MaxNesting} levels";
                    }

                    break;
                case JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.Number:
                    (numbers ??= new List<double>(1024)).Add(
                        !reader.HasValueSequence && FastDecimal.TryParse(reader.ValueSpan, out var fast) ? fast : reader.GetDouble());
                    index++;
                    break;
                case JsonTokenType.String:
                    var text = reader.GetString()!;
                    if (TryNamedLiteral(text, out var literal))
                    {
                        (numbers ??= new List<double>(1024)).Add(literal);
                    }
                    else
                    {
                        (strings ??= []).Add(text);
                    }

                    index++;
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    (booleans ??= []).Add(reader.TokenType == JsonTokenType.True);
                    index++;
                    break;
                default:
                    problem ??= $"data element {index} is {Describe(reader.TokenType)}; elements must be numbers, strings or booleans";
                    reader.Skip();
                    index++;
                    break;
            }
        }
        while (depth > 0 && reader.Read());

        var kinds = (numbers is null ? 0 : 1) + (strings is null ? 0 : 1) + (booleans is null ? 0 : 1);
        if (problem is null && kinds > 1)
        {
            problem = strings is not null && numbers is not null
                ? $"data mixes numbers and strings (first string: \"{Truncate(strings[0])}\")"
                : "data mixes booleans with other elements";
        }

        if (problem is not null)
        {
            return TensorData.Invalid(problem);
        }

        if (strings is not null)
        {
            return TensorData.FromStrings([.. strings]);
        }

        return booleans is not null ? TensorData.FromBooleans([.. booleans]) : TensorData.FromNumbers(numbers is null ? [] : [.. numbers]);
    }

    public override void Write(Utf8JsonWriter writer, TensorData value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        if (value.Singles is { } singles)
        {
            foreach (var v in singles)
            {
                writer.WriteNumberValue(v);
            }
        }
        else if (value.Int64s is { } longs)
        {
            foreach (var v in longs)
            {
                writer.WriteNumberValue(v);
            }
        }
        else if (value.Numbers is { } numbers)
        {
            foreach (var v in numbers)
            {
                WriteDouble(writer, v);
            }
        }
        else if (value.Strings is { } strings)
        {
            foreach (var v in strings)
            {
                writer.WriteStringValue(v);
            }
        }
        else if (value.Booleans is { } booleans)
        {
            foreach (var v in booleans)
            {
                writer.WriteBooleanValue(v);
            }
        }

        writer.WriteEndArray();
    }

    // JSON has no NaN or Infinity; these string spellings are the ones System.Text.Json and most
    // clients (numpy via orjson, Jackson) use when asked to carry them.
    private static bool TryNamedLiteral(string text, out double value)
    {
        value = text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => 0,
        };
        return text is "NaN" or "Infinity" or "-Infinity";
    }

    private static void WriteDouble(Utf8JsonWriter writer, double v)
    {
        if (double.IsFinite(v))
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static string Describe(JsonTokenType kind) => kind switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.Null => "null",
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => kind.ToString(),
    };

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32] + "...";
}
