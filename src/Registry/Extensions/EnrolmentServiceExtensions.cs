using HybridInference.Registry.Enrolment;
using HybridInference.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HybridInference.Registry.Extensions;

/// <summary>
/// Device enrolment: the bootstrap-secret scheme, the registry's own device-credential issuer and its JwtBearer scheme,
/// and the store of current credentials. The shared policy scheme (<see cref="AuthSchemes.Default"/>) is taught to forward
/// <c>Authorization: Bootstrap</c> and the device issuer's tokens here, so the scope policies apply unchanged: a device
/// credential holds <c>models:read fleet:connect</c>, a bootstrap secret only <c>fleet:enrol</c>.
/// </summary>
public static class EnrolmentServiceExtensions
{
    public static IHostApplicationBuilder AddDeviceEnrolment(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EnrolmentOptions>().BindConfiguration(EnrolmentOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EnrolmentOptions>, EnrolmentOptionsValidator>();
        services.AddSingleton<DeviceCredentialKey>();
        services.AddSingleton<DeviceCredentialStore>();
        services.AddSingleton<DeviceCredentialCheck>();
        services.AddSingleton<DeviceCredentialIssuer>();
        services.AddSingleton<LiveCredentialWatch>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BootstrapAuthenticationHandler>(EnrolmentSchemes.Bootstrap, null)
            .AddJwtBearer(EnrolmentSchemes.DeviceCredential, _ => { });
        services.AddOptions<JwtBearerOptions>(EnrolmentSchemes.DeviceCredential)
            .Configure<IOptions<EnrolmentOptions>, IOptions<AuthOptions>, DeviceCredentialKey>((jwt, enrolment, auth, key) =>
            {
                jwt.MapInboundClaims = false;
                var parameters = jwt.TokenValidationParameters;
                parameters.ValidIssuer = enrolment.Value.Issuer;
                parameters.ValidAudience = enrolment.Value.Issuer;
                parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                parameters.IssuerSigningKey = key.SecurityKey;
                parameters.ClockSkew = TimeSpan.FromSeconds(auth.Value.ClockSkewSeconds);
                parameters.NameClaimType = "sub";
                // Named so the fleet service can tell a stream opened with a device credential (and watch it) from others.
                parameters.AuthenticationType = EnrolmentSchemes.DeviceCredential;
                jwt.Events = new JwtBearerEvents { OnTokenValidated = DeviceCredentialValidation.OnTokenValidatedAsync };
            });

        // With authentication off there is no policy scheme (every caller is anonymous): nothing to forward.
        services.PostConfigure<PolicySchemeOptions>(AuthSchemes.Default, scheme =>
        {
            var shared = scheme.ForwardDefaultSelector;
            scheme.ForwardDefaultSelector = context =>
                BootstrapAuthenticationHandler.Presents(context.Request) ? EnrolmentSchemes.Bootstrap
                : DeviceCredentialTokens.IsDeviceCredential(context.Request, context.RequestServices.GetRequiredService<IOptions<EnrolmentOptions>>().Value.Issuer)
                    ? EnrolmentSchemes.DeviceCredential
                : shared?.Invoke(context);
        });
        return builder;
    }
}
