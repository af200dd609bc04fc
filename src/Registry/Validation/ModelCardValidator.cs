using System.Text.Json;

namespace HybridInference.Registry.Validation;

/// <summary>
/// Checks that a model card (<see cref="ModelCard"/>, as Training writes it) says what every consumer relies on:
/// the signature, the data it was trained on (with hashes), how it was trained, how well it does, and which
/// file it describes. Collects every problem, so a user fixes the card in one go: it walks the submitted
/// document rather than reading it as a <see cref="ModelCard"/>, because a typed read stops at the first
/// wrong field and cannot tell a missing accuracy from 0; the registry keeps the document as it was sent.
/// </summary>
public static class ModelCardValidator
{
    public static IReadOnlyList<string> Validate(JsonElement card, string model, string digestHex, out IReadOnlyList<TensorSignature> inputs, out IReadOnlyList<TensorSignature> outputs)
    {
        List<string> errors = [];
        inputs = [];
        outputs = [];
        if (card.ValueKind != JsonValueKind.Object)
        {
            errors.Add("card: must be a JSON object");
            return errors;
        }

        if (!card.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            errors.Add("card.name: required (the model's name)");
        }
        else if (name.GetString() != model)
        {
            errors.Add($"card.name: '{name.GetString()}' does not match the model '{model}'");
        }

        inputs = ReadSignatures(card, "inputs", errors);
        outputs = ReadSignatures(card, "outputs", errors);

        if (!TryGetPath(card, "file.sha256", out var sha) || sha.ValueKind != JsonValueKind.String)
        {
            errors.Add("card.file.sha256: required (the SHA-256 of the model file)");
        }
        else if (!string.Equals(sha.GetString(), digestHex, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"card.file.sha256: {sha.GetString()} does not match the uploaded file's sha256:{digestHex}");
        }

        if (!TryGetPath(card, "dataset.name", out var dataset) || dataset.ValueKind != JsonValueKind.String)
        {
            errors.Add("card.dataset.name: required");
        }

        if (!TryGetPath(card, "dataset.fileSha256", out var hashes) || hashes.ValueKind != JsonValueKind.Object || !hashes.EnumerateObject().Any())
        {
            errors.Add("card.dataset.fileSha256: required (a hash per data file the model was trained and tested on)");
        }

        if (!card.TryGetProperty("training", out var training) || training.ValueKind != JsonValueKind.Object)
        {
            errors.Add("card.training: required (the training parameters)");
        }

        if (!TryGetPath(card, "evaluation.testAccuracy", out var accuracy) || accuracy.ValueKind != JsonValueKind.Number)
        {
            errors.Add("card.evaluation.testAccuracy: required (a number between 0 and 1)");
        }
        else if (accuracy.GetDouble() is < 0 or > 1)
        {
            errors.Add($"card.evaluation.testAccuracy: {accuracy.GetDouble()} is not between 0 and 1");
        }

        return errors;
    }

    private static IReadOnlyList<TensorSignature> ReadSignatures(JsonElement card, string property, List<string> errors)
    {
        if (!card.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            errors.Add($"card.{property}: required (a non-empty list of {{name, elementType, shape}})");
            return [];
        }

        List<TensorSignature> result = [];
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"card.{property}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("elementType", out var t) || t.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("shape", out var s) || s.ValueKind != JsonValueKind.Array)
            {
                errors.Add($"{at}: needs name (string), elementType (string) and shape (array)");
                continue;
            }

            result.Add(new TensorSignature(n.GetString()!, t.GetString()!, s.EnumerateArray().Select(d => d.ToString()).ToList()));
        }

        return result;
    }

    private static bool TryGetPath(JsonElement element, string path, out JsonElement value)
    {
        value = element;
        foreach (var part in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
            {
                return false;
            }
        }

        return true;
    }
}
