using HybridInference.Contracts.Security;
using HybridInference.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HybridInference.ServiceDefaults.Security;

/// <summary>
/// Authentication and authorization every service shares: JWT bearer tokens (an OIDC authority's, or the development
/// issuer's symmetric key), inference API keys, and one authorization policy per scope (named as the scope). Any
/// endpoint without a policy of its own still needs an authenticated caller (the fallback policy).
/// </summary>
public static class ServiceAuthenticationExtensions
{
    /// <summary>The policy of inference endpoints: open, or the <c>inference</c> scope when <see cref="AuthOptions.InferenceRequiresToken"/>.</summary>
    public const string InferencePolicy = Scopes.Inference;

    public static TBuilder AddServiceAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddProblemDetails();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddHostedService<AuthenticationModeLog>();

        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (!auth.Enabled)
        {
            services.AddAuthentication(AuthSchemes.Open)
                .AddScheme<AuthenticationSchemeOptions, OpenAccessHandler>(AuthSchemes.Open, null);
        }
        else
        {
            services.AddAuthentication(AuthSchemes.Default)
                .AddPolicyScheme(AuthSchemes.Default, "Bearer token or API key", scheme =>
                    scheme.ForwardDefaultSelector = context =>
                        context.Request.Headers.ContainsKey(AuthSchemes.ApiKeyHeader) ? AuthSchemes.ApiKey : AuthSchemes.Bearer)
                .AddJwtBearer(AuthSchemes.Bearer, _ => { })
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
            services.AddOptions<JwtBearerOptions>(AuthSchemes.Bearer)
                .Configure<IOptions<AuthOptions>>((jwt, options) => ConfigureJwt(jwt, options.Value));
        }

        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>()
            .Configure<IOptions<AuthOptions>>((authorization, options) => AddPolicies(authorization, options.Value));
        return builder;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, AuthOptions options)
    {
        // Claims keep their token names (sub, scope), not the WS-* URIs the handler maps them to by default.
        jwt.MapInboundClaims = false;
        jwt.Audience = options.Audience;
        jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
        jwt.TokenValidationParameters.ValidAudience = options.Audience;
        jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds);
        jwt.TokenValidationParameters.NameClaimType = "sub";
        if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            jwt.Authority = options.Authority;
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            // With an authority too, the discovery keys are added to this one, and its issuer to this issuer.
            jwt.TokenValidationParameters.IssuerSigningKey = DevTokens.SecurityKey(options.SigningKey);
            jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
            if (string.IsNullOrWhiteSpace(options.Authority))
            {
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
        }
    }

    private static void AddPolicies(AuthorizationOptions authorization, AuthOptions options)
    {
        foreach (var scope in Scopes.All.Concat(Scopes.DeviceOnly).Where(s => s != Scopes.Inference))
        {
            authorization.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(scope)));
        }

        authorization.AddPolicy(InferencePolicy, policy =>
        {
            if (options.InferenceRequiresToken)
            {
                policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.HasScope(Scopes.Inference));
            }
            else
            {
                policy.RequireAssertion(_ => true);
            }
        });

        authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
