using System.Threading.RateLimiting;
using HybridInference.Contracts.Security;
using HybridInference.Shared.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.ServiceDefaults.Limits;

/// <summary>
/// Limits every service shares: ASP.NET Core's rate limiter with one policy per kind of caller (a token bucket per
/// client, <see cref="RateLimitPolicies"/>), and request body limits per endpoint (<see cref="BodySizeLimit"/>).
/// Endpoints opt in through <c>WithInferenceLimits</c> and <c>WithAdminLimits</c> (<c>LimitsEndpointExtensions</c>).
/// </summary>
public static class ServiceLimitsExtensions
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static TBuilder AddServiceLimits<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddValidatedOptions<LimitsOptions, LimitsOptionsValidator>(builder.Configuration.GetSection(LimitsOptions.SectionName), annotations: false);
        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimitRejection.WriteAsync;
            limiter.AddPolicy(RateLimitPolicies.Inference, context => Partition(context, options => options.Inference));
            limiter.AddPolicy(RateLimitPolicies.Admin, context => Partition(context, options => options.Admin));
        });
        return builder;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, Func<LimitsOptions, ClientRateLimit> policy)
    {
        var limit = policy(context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value);
        if (!limit.IsOn)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        return RateLimitPartition.GetTokenBucketLimiter(ClientPartition.Key(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.TokenLimit,
            TokensPerPeriod = limit.PermitsPerSecond,
            ReplenishmentPeriod = Second,
            QueueLimit = 0,
            // The partitioned limiter replenishes its buckets itself (RateLimitPartition turns this off in any case).
            AutoReplenishment = false,
        });
    }
}
