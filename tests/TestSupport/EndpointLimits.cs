using HybridInference.Contracts.Security;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;

namespace HybridInference.TestSupport;

/// <summary>
/// Checks the limits of every endpoint a service maps (<see cref="EndpointAuthorization.Enumerate"/>): a public endpoint
/// (health, OpenAPI) is never rate limited; every other HTTP endpoint names a rate-limit policy, and an admin endpoint
/// that takes a body has a body size limit. An endpoint added without them fails.
/// </summary>
public static class EndpointLimits
{
    /// <summary>One line per endpoint whose limits are missing or wrong; empty when all hold.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<EndpointAuthorization.MappedEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        List<string> failures = [];
        foreach (var endpoint in endpoints.Where(e => !e.Grpc))
        {
            var policy = endpoint.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null
                ? endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName
                : null;
            if (endpoint.Public)
            {
                if (policy is not null)
                {
                    failures.Add($"{endpoint}: public, yet rate limited by '{policy}'");
                }
            }
            else if (policy is not (RateLimitPolicies.Inference or RateLimitPolicies.Admin))
            {
                failures.Add($"{endpoint}: names no rate-limit policy (WithAdminLimits or WithInferenceLimits)");
            }
            else if (policy == RateLimitPolicies.Admin && endpoint.Method is "POST" or "PUT" or "PATCH"
                && endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is null)
            {
                failures.Add($"{endpoint}: takes a body but has no body size limit");
            }
        }

        return failures;
    }
}
