using System.Security.Claims;
using Grpc.Core;
using HybridInference.Security;

namespace HybridInference.Registry.Fleet;

/// <summary>
/// Binds a fleet call to the device its credential was issued to: the token's <c>device_id</c> claim, else its
/// subject. A device may register, stream and report only as itself; any other id is refused (PermissionDenied)
/// and logged, so a stolen or misconfigured credential cannot re-register another device into another site.
/// With authentication turned off (the subject <c>anonymous</c> of the open scheme) no device is bound.
/// </summary>
internal static partial class DeviceIdentity
{
    public const string DeviceIdClaim = "device_id";

    /// <summary>The device <paramref name="user"/> may act as; null when authentication is off (any).</summary>
    public static string? BoundDevice(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.AuthenticationType == HybridInference.ServiceDefaults.Security.AuthSchemes.Open)
        {
            return null;
        }

        return user.FindFirst(DeviceIdClaim)?.Value is { Length: > 0 } device ? device : user.Subject() ?? "";
    }

    /// <summary>Throws PermissionDenied when the call's credential is not <paramref name="deviceId"/>'s.</summary>
    public static void Demand(ServerCallContext context, string deviceId, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bound = BoundDevice(context.GetHttpContext().User);
        if (bound is null || string.Equals(bound, deviceId, StringComparison.Ordinal))
        {
            return;
        }

        LogImpersonation(logger, bound, deviceId, context.Peer);
        throw new RpcException(new Status(StatusCode.PermissionDenied, $"this credential belongs to device '{bound}', not '{deviceId}'"));
    }

    /// <summary>
    /// Throws PermissionDenied when the call's credential was issued for a site (a device credential's <c>site</c> claim)
    /// other than <paramref name="site"/>: a bootstrap secret restricted to one site cannot enrol a device into another.
    /// </summary>
    public static void DemandSite(ServerCallContext context, string deviceId, string site, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        if (BoundDevice(user) is null || user.FindFirst(SiteClaim)?.Value is not { Length: > 0 } bound || string.Equals(bound, site, StringComparison.Ordinal))
        {
            return;
        }

        LogOtherSite(logger, deviceId, bound, site, context.Peer);
        throw new RpcException(new Status(StatusCode.PermissionDenied, $"device '{deviceId}' was enrolled at site '{bound}', not '{site}'"));
    }

    /// <summary>The site a device credential was issued for (the registry's enrolment writes it).</summary>
    public const string SiteClaim = "site";

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "Refused fleet call: device {Device} was enrolled at site {Bound} and tried to register at site {Claimed} (peer {Peer})")]
    private static partial void LogOtherSite(ILogger logger, string device, string bound, string claimed, string peer);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "Refused fleet call: the credential of device {Bound} tried to act as device {Claimed} (peer {Peer})")]
    private static partial void LogImpersonation(ILogger logger, string bound, string claimed, string peer);
}
