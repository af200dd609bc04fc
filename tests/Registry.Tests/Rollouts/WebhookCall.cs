using System.Text.Json;

namespace HybridInference.Registry.Tests.Rollouts;

/// <summary>One call as received: which hook, the exact bytes, the signature header if any.</summary>
public sealed record WebhookCall(string Name, byte[] Body, string? Signature, string? ContentType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
