using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HybridInference.Contracts.Registry.Signing;

/// <summary>
/// The digest of a model card that survives the trips a card makes (stored as JSON in the store, served inside a
/// <see cref="ModelVersion"/>, re-read by a client): SHA-256 of the card written canonically: object members
/// sorted by name (ordinal), no whitespace, strings re-escaped by one fixed encoder, numbers exactly as written.
/// Not RFC 8785 (numbers are not normalised): both ends use this type, so they agree byte for byte.
/// </summary>
public static class CardDigest
{
    public static string Of(JsonElement card)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default, Indented = false }))
        {
            Write(writer, card);
        }

        return Registry.Digest.Of(SHA256.HashData(buffer.WrittenSpan)).ToString();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Undefined:
                // A version without a card: the digest of nothing written, distinct from any card's.
                break;
            default:
                // Numbers, true, false and null as written.
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }
}
