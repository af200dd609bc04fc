using HybridInference.Contracts.Oip;

namespace HybridInference.Router.Inference;

/// <summary>One client request as the router handles it, after parsing and before any tier is asked.</summary>
/// <param name="Model">The logical model asked for.</param>
/// <param name="RequestId">The client's id, or one the router made.</param>
/// <param name="Body">The OIP request, forwarded to the tiers.</param>
/// <param name="Rows">Images in the batch (the first dimension of the input).</param>
/// <param name="Site">The site the request comes from, when the client says.</param>
/// <param name="Priority">High priority: straight to the cloud.</param>
/// <param name="Private">Must not leave the site.</param>
/// <param name="Labels">Ground truth per row, when the client sends it (for the prediction log).</param>
/// <param name="Json">The body as the client sent it, when it came as JSON: forwarded as is to a tier that gets the whole request.</param>
public sealed record HybridRequest(
    string Model,
    string RequestId,
    InferenceRequest Body,
    int Rows,
    string? Site,
    bool Priority,
    bool Private,
    IReadOnlyList<int?> Labels,
    ReadOnlyMemory<byte>? Json = null);
