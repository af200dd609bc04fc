using HybridInference.Inference.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of a node's signature checks on the versions it loads from the registry.</summary>
public static class ModelTrustExtensions
{
    /// <summary>
    /// Binds <see cref="ModelTrustOptions"/> to <paramref name="section"/> (validated at start: keys required when
    /// <paramref name="followsRegistry"/> says the node loads from a registry) and adds the verifier and its metric.
    /// </summary>
    public static IServiceCollection AddModelTrust(this IServiceCollection services, IConfiguration configuration, string section, Func<IServiceProvider, bool> followsRegistry)
    {
        services.AddOptions<ModelTrustOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelTrustOptions>>(sp =>
            new ModelTrustOptionsValidator(section, () => followsRegistry(sp), sp.GetRequiredService<Hosting.IHostEnvironment>()));
        services.TryAddSingleton<ModelTrustMetrics>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ModelVerifier>(sp, section));
        services.AddHostedService(sp => sp.GetRequiredService<ModelVerifier>());
        return services;
    }
}
