namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// A webhook call stopped by a rule rather than by the network: a refused destination or an answer over the size
/// limit. Never retried; the message completes "gate 'x' ..." in the timeline ("is refused: ...", "answered more
/// than ...").
/// </summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
