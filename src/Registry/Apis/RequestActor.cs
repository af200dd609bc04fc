namespace HybridInference.Registry.Apis;

/// <summary>Who asks for a change: the audit trail records it, so it is required.</summary>
internal static class RequestActor
{
    public const string Header = "X-Actor";

    public static string? From(HttpRequest request, string? fromBody)
    {
        var value = string.IsNullOrWhiteSpace(fromBody) ? request.Headers[Header].ToString() : fromBody;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public const string Missing = "actor is required: send the X-Actor header (or an 'actor' field) naming who makes the change";
}
