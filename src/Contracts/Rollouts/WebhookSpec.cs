using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Rollouts;

/// <summary>
/// An HTTP endpoint told about the rollout. <see cref="Type"/> is one of <see cref="WebhookTypes"/>; a
/// <c>gate</c> hook is asked before each step and holds it with a non-2xx answer, or aborts the rollout
/// with <c>{"abort": true}</c>. Calls carry <c>X-HI-Signature: sha256=HMAC(secret, body)</c> when a
/// secret is set. The secret is write-only: the registry never returns it, so a rollout read back has none.
/// </summary>
public sealed record WebhookSpec(
    string? Name,
    string? Type,
    string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null);
