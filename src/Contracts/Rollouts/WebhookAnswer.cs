namespace HybridInference.Contracts.Rollouts;

/// <summary>
/// What a gate webhook (<c>pre-rollout</c>, <c>confirm-promotion</c>...) may answer in its 2xx body: <c>{"abort": true}</c>
/// stops the rollout, as Flagger's gate answers do. Any other body, or none, lets it go on.
/// </summary>
public sealed record WebhookAnswer(bool? Abort);
