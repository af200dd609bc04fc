using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HybridInference.Shared.Options;

/// <summary>The services' one way to register a settings section that is checked at start.</summary>
internal static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks it at start: by its data
    /// annotations when <paramref name="annotations"/> is set, then by <typeparamref name="TValidator"/> (the rules
    /// attributes cannot say, each error naming its key). Returns the builder for what the caller adds, e.g. a
    /// <c>PostConfigure</c> that fills an address in from service discovery.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section, bool annotations)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var options = services.AddOptions<TOptions>().Bind(section);
        if (annotations)
        {
            options.ValidateDataAnnotations();
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return options;
    }
}
