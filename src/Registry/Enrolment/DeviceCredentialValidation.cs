using HybridInference.Registry.Fleet;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace HybridInference.Registry.Enrolment;

/// <summary>
/// After a device credential's signature, issuer, audience and expiry have passed: it must still be its device's current
/// credential (<see cref="DeviceCredentialCheck"/>). A revoked or superseded one is refused (401, gRPC Unauthenticated)
/// and logged; so is one that cannot be checked because the store is away (fail closed: the device retries).
/// </summary>
internal static partial class DeviceCredentialValidation
{
    public const string Revoked = "the device credential has been revoked or replaced; the device must be enrolled again";

    public static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DeviceCredentialValidation));
        if (principal.FindFirst(DeviceIdentity.DeviceIdClaim)?.Value is not { Length: > 0 } device || principal.FindFirst("jti")?.Value is not { Length: > 0 } id)
        {
            context.Fail("a device credential must name its device (device_id) and its id (jti)");
            return;
        }

        var check = context.HttpContext.RequestServices.GetRequiredService<DeviceCredentialCheck>();
        try
        {
            if (!await check.IsCurrentAsync(device, id))
            {
                LogRefused(logger, device, id, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                context.Fail(Revoked);
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogUncheckable(logger, device, ex.Message);
            context.Fail("the device credential could not be checked (the registry's store is unavailable); try again");
        }
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Warning, Message = "Refused device credential {CredentialId} of device {Device}: revoked or replaced (peer {Peer})")]
    private static partial void LogRefused(ILogger logger, string device, string credentialId, string peer);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning, Message = "Could not check the credential of device {Device}: {Reason}; refused")]
    private static partial void LogUncheckable(ILogger logger, string device, string reason);
}
