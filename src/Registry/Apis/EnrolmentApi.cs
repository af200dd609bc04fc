using System.Text.Json;
using HybridInference.Contracts.Fleet;
using HybridInference.Contracts.Security;
using HybridInference.Registry.Enrolment;
using HybridInference.Registry.Fleet;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Registry.Apis;

/// <summary>
/// Device enrolment and revocation. A device enrols once with a bootstrap secret (<c>Authorization: Bootstrap
/// &lt;secret&gt;</c>, the <c>fleet:enrol</c> scope) and gets its own credential; a device id that holds a credential is
/// not given another, so whoever holds a bootstrap secret cannot take over an enrolled device. An operator's revocation
/// (<c>fleet:write</c>) ends the device's stream and frees its id for a new enrolment. Both are in the fleet audit trail.
/// </summary>
public static partial class EnrolmentApi
{
    public static IEndpointRouteBuilder MapEnrolmentApi(this IEndpointRouteBuilder app)
    {
        var fleet = app.MapGroup("/api/fleet").WithTags("Fleet").WithAdminLimits();
        // The body is read by hand, not bound, so that a wrong content type or malformed JSON gets a 400 that says what is wrong.
        fleet.MapPost("/enrolments", EnrolAsync)
            .WithSummary("Enrol a device with a bootstrap secret (Authorization: Bootstrap <secret>): body EnrolmentRequest {deviceId, site}; answers its credential (201). A device that holds a credential is refused (409).")
            .RequireAuthorization(Scopes.FleetEnrol);
        fleet.MapGet("/devices/{id}/credential", GetCredentialAsync)
            .WithSummary("Where a device's credential stands: enrolled (its credential id, site, expiry) or revoked. Never the token.")
            .RequireAuthorization(Scopes.FleetRead);
        fleet.MapDelete("/devices/{id}/credential", RevokeAsync)
            .WithSummary("Revoke a device's credential: its stream ends within seconds, its next connect is refused, and it may enrol again. Audited.")
            .RequireAuthorization(Scopes.FleetWrite);
        return app;
    }

    public static async Task<Results<Created<DeviceCredential>, ProblemHttpResult>> EnrolAsync(
        HttpRequest request, DeviceCredentialIssuer issuer, DeviceCredentialStore credentials, DeviceCredentialCheck check, FleetStore fleet,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // Asked of the bootstrap scheme itself: a token of some issuer that carries fleet:enrol is no bootstrap secret.
        var bootstrap = await request.HttpContext.AuthenticateAsync(EnrolmentSchemes.Bootstrap);
        var principal = bootstrap.Succeeded ? bootstrap.Principal : null;
        if (principal?.FindFirst(EnrolmentSchemes.BootstrapClaim)?.Value is not { } secretName)
        {
            return Problems.Forbidden("enrolment takes a bootstrap secret: Authorization: Bootstrap <secret> (docs/OPERATIONS.md, 'Enrolling a device')");
        }

        var (body, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (deviceId, site) = (body!.DeviceId!, body.Site!);
        if (principal.FindFirst(EnrolmentSchemes.BootstrapSiteClaim)?.Value is { } allowed && !string.Equals(allowed, site, StringComparison.Ordinal))
        {
            return Problems.Forbidden($"the bootstrap secret '{secretName}' enrols devices of site '{allowed}' only, not '{site}'");
        }

        var actor = "bootstrap:" + secretName;
        var logger = loggers.CreateLogger(typeof(EnrolmentApi));
        var credential = issuer.Issue(deviceId, site);
        if (!await credentials.TryClaimAsync(deviceId, credential.CredentialId, site, actor, credential.IssuedAt, credential.ExpiresAt))
        {
            var holder = await credentials.GetAsync(deviceId);
            LogRefused(logger, deviceId, actor, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Problems.Conflict($"device '{deviceId}' is already enrolled (since {holder?.IssuedAt:O}); it keeps its credential. " +
                $"To enrol it again an operator revokes its credential first: DELETE /api/fleet/devices/{deviceId}/credential (hi fleet revoke {deviceId})");
        }

        check.Forget(deviceId);
        await fleet.AppendAuditAsync(deviceId, "credential-issued", $"credential {credential.CredentialId} (site {site}, expires {credential.ExpiresAt:O})", actor);
        LogEnrolled(logger, deviceId, site, actor, credential.CredentialId);
        return TypedResults.Created($"/api/fleet/devices/{deviceId}/credential", credential);
    }

    public static async Task<Results<Ok<CredentialStatus>, ProblemHttpResult>> GetCredentialAsync(string id, DeviceCredentialStore credentials) =>
        await credentials.GetAsync(id) is { } record ? TypedResults.Ok(Status(record)) : NotEnrolled(id);

    public static async Task<Results<Ok<CredentialStatus>, ProblemHttpResult>> RevokeAsync(
        string id, HttpRequest request, DeviceCredentialStore credentials, DeviceCredentialCheck check, FleetStore fleet, TimeProvider time, ILoggerFactory loggers)
    {
        if (RequestActor.From(request) is not { } actor)
        {
            return Problems.BadRequest(RequestActor.Missing);
        }

        var record = await credentials.GetAsync(id);
        if (record is null)
        {
            return NotEnrolled(id);
        }

        if (record.CredentialId is null)
        {
            return Problems.NotFound($"device '{id}' holds no credential: it was revoked at {record.RevokedAt:O} by {record.RevokedBy}");
        }

        if (!await credentials.RevokeAsync(id, record.CredentialId, actor, time.GetUtcNow()))
        {
            return Problems.Conflict($"device '{id}''s credential changed while it was being revoked; look again (GET /api/fleet/devices/{id}/credential)");
        }

        check.Forget(id);
        await fleet.AppendAuditAsync(id, "credential-revoked", $"credential {record.CredentialId} revoked", actor);
        LogRevoked(loggers.CreateLogger(typeof(EnrolmentApi)), id, record.CredentialId, actor);
        return TypedResults.Ok(Status((await credentials.GetAsync(id))!));
    }

    private static async Task<(EnrolmentRequest? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const string Example = "{\"deviceId\": \"edge-1\", \"site\": \"site-a\"}";
        if (!request.HasJsonContentType())
        {
            return (null, Problems.BadRequest("expected a JSON body (Content-Type: application/json): " + Example));
        }

        EnrolmentRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, FleetJsonContext.Default.EnrolmentRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"the body is not a valid enrolment request: {ex.Message}"));
        }

        if (body is null)
        {
            return (null, Problems.BadRequest("the body is empty: expected " + Example));
        }

        if (!FleetNames.IsValid(body.DeviceId))
        {
            return (null, Problems.BadRequest($"deviceId '{body.DeviceId}' is invalid: use {FleetNames.Rule}"));
        }

        if (!FleetNames.IsValid(body.Site))
        {
            return (null, Problems.BadRequest(string.IsNullOrWhiteSpace(body.Site) ? "site is required: the site the device stands at" : $"site '{body.Site}' is invalid: use {FleetNames.Rule}"));
        }

        return (body, null);
    }

    private static CredentialStatus Status(DeviceCredentialRecord record) => new(
        record.DeviceId, record.CredentialId is null ? CredentialStatus.Revoked : CredentialStatus.Enrolled, record.CredentialId, record.Site, record.EnrolledBy,
        record.IssuedAt, record.ExpiresAt, record.RevokedAt, record.RevokedBy);

    private static ProblemHttpResult NotEnrolled(string id) =>
        Problems.NotFound($"device '{id}' has never enrolled (POST /api/fleet/enrolments with a bootstrap secret)");

    [LoggerMessage(EventId = 224, Level = LogLevel.Information, Message = "Device {Device} enrolled at site {Site} with {Actor}: credential {CredentialId}")]
    private static partial void LogEnrolled(ILogger logger, string device, string site, string actor, string credentialId);

    [LoggerMessage(EventId = 225, Level = LogLevel.Warning, Message = "Refused enrolment of device {Device} with {Actor} (peer {Peer}): it is already enrolled")]
    private static partial void LogRefused(ILogger logger, string device, string actor, string peer);

    [LoggerMessage(EventId = 226, Level = LogLevel.Warning, Message = "Revoked credential {CredentialId} of device {Device} ({Actor})")]
    private static partial void LogRevoked(ILogger logger, string device, string credentialId, string actor);
}
