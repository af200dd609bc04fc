using System.Text.Json;

namespace HybridInference.Inference.Repository;

/// <summary>
/// The few facts of <c>model-card.json</c> serving needs: the class labels, for Triton's classification
/// output. A missing or unreadable card only costs the labels, never the model.
/// </summary>
public sealed record ModelCard(IReadOnlyList<string> ClassNames)
{
    public static ModelCard Empty { get; } = new([]);

    public static ModelCard Read(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.TryGetProperty("dataset", out var dataset)
                && dataset.TryGetProperty("classNames", out var classNames)
                && classNames.ValueKind == JsonValueKind.Array)
            {
                return new ModelCard([.. classNames.EnumerateArray().Select(c => c.GetString() ?? "")]);
            }
        }
        catch (JsonException)
        {
            // A card is documentation; a broken one must not keep a good model from serving.
        }

        return Empty;
    }
}
