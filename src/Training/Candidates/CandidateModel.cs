using HybridInference.Training.Cards;

namespace HybridInference.Training.Candidates;

/// <summary>
/// What the registry needs for a new version: the ONNX bytes and the card (JSON as the <c>train</c> command
/// writes it, and Markdown), and how long it took.
/// </summary>
public sealed record CandidateModel(byte[] Onnx, ModelCard Card, string CardJson, string CardMarkdown, TimeSpan Duration)
{
    public double TestAccuracy => Card.Evaluation.TestAccuracy;
}
