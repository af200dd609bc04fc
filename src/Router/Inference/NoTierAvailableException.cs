namespace HybridInference.Router.Inference;

/// <summary>Neither tier may or can answer: the client gets a 503 that says what failed.</summary>
public sealed class NoTierAvailableException(string reason) : Exception(reason);
