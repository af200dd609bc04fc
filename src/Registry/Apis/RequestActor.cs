using HybridInference.Security;

namespace HybridInference.Registry.Apis;

/// <summary>
/// Who asks for a change: the audit trail records the authenticated caller's subject (the token's <c>sub</c>, or its
/// client id), never what a header or body says, so a caller cannot write someone else's name into the trail.
/// </summary>
internal static class RequestActor
{
    public static string? From(HttpRequest request) => request.HttpContext.User.Subject();

    public const string Missing = "the caller's token names no subject (sub or client_id), and the audit trail must record who makes the change";
}
