using System.Text.Json;
using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridInference.ServiceDefaults;

/// <summary>
/// Writes health reports as JSON with each check's status. A caller with <c>admin:read</c> also gets each check's
/// description, error and duration, so an operator sees <em>why</em> a service is unhealthy (for example "store
/// unreachable at 127.0.0.1:6379"); anyone else (a probe, an outsider) gets states only, which name no address and
/// no exception message.
/// </summary>
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var details = context.User.HasScope(Scopes.AdminRead);
        object body = details
            ? new
            {
                status = report.Status.ToString(),
                totalDurationMs = report.TotalDuration.TotalMilliseconds,
                checks = report.Entries.ToDictionary(
                    entry => entry.Key,
                    entry => (object)new
                    {
                        status = entry.Value.Status.ToString(),
                        description = entry.Value.Description,
                        error = entry.Value.Exception?.Message,
                        durationMs = entry.Value.Duration.TotalMilliseconds,
                    }),
            }
            : new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(entry => entry.Key, entry => (object)new { status = entry.Value.Status.ToString() }),
            };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Options));
    }
}
