using HybridInference.Security;
using HybridInference.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace HybridInference.ServiceDefaults.Limits;

/// <summary>
/// Who a request counts against: the authenticated caller (the token's subject, or <c>apikey:{client}</c> for an API
/// key), else its remote address, so anonymous callers are limited one address at a time. With authentication off every
/// caller is the same <c>anonymous</c> subject, so there too the address decides.
/// </summary>
internal static class ClientPartition
{
    public static string Key(HttpContext context) =>
        context.User.Identity?.AuthenticationType != AuthSchemes.Open && context.User.Subject() is { Length: > 0 } subject
            ? "sub:" + subject
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
