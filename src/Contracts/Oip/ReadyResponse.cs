using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>Body of <c>GET /v2/health/ready</c> (KServe's shape; Triton clients read only the status code).</summary>
public sealed record ReadyResponse([property: JsonPropertyName("ready")] bool Ready);
