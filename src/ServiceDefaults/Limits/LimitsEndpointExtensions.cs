using HybridInference.Contracts.Security;
using HybridInference.ServiceDefaults.Limits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Where the shared limits apply: <see cref="UseServiceLimits"/> in the pipeline, and one convention per kind of
/// endpoint. Nothing without a convention is limited: health probes never are.
/// </summary>
public static class LimitsEndpointExtensions
{
    /// <summary>
    /// Turns the limits on: after routing and authentication (WebApplication runs both first), so a policy knows the
    /// endpoint and its caller. Every service calls it once, before mapping.
    /// </summary>
    public static WebApplication UseServiceLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Limits inference calls per client (<c>Limits:Inference</c>).</summary>
    public static TBuilder WithInferenceLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RateLimitPolicies.Inference);

    /// <summary>Limits admin and control calls per subject (<c>Limits:Admin</c>) and their bodies to <c>Limits:JsonBodyBytes</c>.</summary>
    public static TBuilder WithAdminLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RateLimitPolicies.Admin)
            .WithBodySizeLimit(
                services => services.GetRequiredService<IOptions<LimitsOptions>>().Value.JsonBodyBytes,
                $"{LimitsOptions.SectionName}:{nameof(LimitsOptions.JsonBodyBytes)}");

    /// <summary>
    /// The endpoint's largest request body, from settings (read on first use), named by <paramref name="setting"/> in the
    /// 413. Added after a group's limit, it replaces it for this endpoint (an upload among JSON endpoints).
    /// </summary>
    public static TBuilder WithBodySizeLimit<TBuilder>(this TBuilder builder, Func<IServiceProvider, long> bytes, string setting)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(bytes);
        builder.Add(endpoint =>
        {
            var services = endpoint.ApplicationServices;
            endpoint.Metadata.Add(new BodySizeLimit(() => bytes(services), setting));
        });
        return builder;
    }
}
