namespace HybridInference.Training.Evaluation;

/// <summary>
/// The cascade at one confidence threshold: the edge answers when its top probability is at least
/// <see cref="Threshold"/>, the cloud answers the rest.
/// </summary>
/// <param name="Threshold">Edge confidence needed to keep an image on the edge.</param>
/// <param name="Accuracy">Accuracy of the combined answers.</param>
/// <param name="EscalatedShare">Share of images sent to the cloud.</param>
/// <param name="GapRecovered">PGR: (accuracy - edge accuracy) / (cloud accuracy - edge accuracy).</param>
public sealed record CascadeRow(double Threshold, double Accuracy, double EscalatedShare, double GapRecovered);
