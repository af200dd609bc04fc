using System.Globalization;
using System.Threading.RateLimiting;
using HybridInference.Contracts.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HybridInference.ServiceDefaults.Limits;

/// <summary>
/// A refused request's answer: 429 with <c>Retry-After</c> (whole seconds until the bucket holds a permit again) and
/// ProblemDetails naming the limit and its setting. gRPC calls get the bare status (their client maps it to Unavailable).
/// </summary>
internal static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            return;
        }

        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "(unnamed)";
        var options = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var (limit, setting) = policy == RateLimitPolicies.Inference
            ? (options.Inference, $"{LimitsOptions.SectionName}:{nameof(LimitsOptions.Inference)}")
            : (options.Admin, $"{LimitsOptions.SectionName}:{nameof(LimitsOptions.Admin)}");
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"this client sent more than {limit.PermitsPerSecond} requests per second (burst {limit.TokenLimit}) to {policy} endpoints ({setting}); retry after {seconds} s");
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
        }).ConfigureAwait(false);
    }
}
