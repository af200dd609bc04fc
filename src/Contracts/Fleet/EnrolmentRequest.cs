namespace HybridInference.Contracts.Fleet;

/// <summary>
/// A device asking for its credential (<c>POST /api/fleet/enrolments</c>, with <c>Authorization: Bootstrap &lt;secret&gt;</c>):
/// the id it will register and stream as, and the site it stands at (a bootstrap secret may be restricted to one site).
/// </summary>
public sealed record EnrolmentRequest(string? DeviceId, string? Site);
