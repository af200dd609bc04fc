using System.Text.Json;
using HybridInference.Contracts.Registry;

namespace HybridInference.Inference.Repository;

/// <summary>
/// Reads <c>model-card.json</c> beside a served model. Serving needs only its class labels (for Triton's
/// classification output), so a missing or unreadable card costs the labels, never the model.
/// </summary>
public static class ModelCardFile
{
    /// <summary>The card at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static ModelCard? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), RegistryJsonContext.Default.ModelCard);
        }
        catch (JsonException)
        {
            // A card is documentation; a broken one must not keep a good model from serving.
            return null;
        }
    }

    /// <summary>The card's class names, in class order; empty when the card does not name them.</summary>
    public static IReadOnlyList<string> ClassNames(ModelCard? card) => card?.Dataset?.ClassNames ?? [];
}
