using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Links;

/// <summary>Checks the link-state settings at start and names each bad one by its key.</summary>
public sealed class CloudLinkOptionsValidator : IValidateOptions<CloudLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = CloudLinkOptions.SectionName;
        var errors = new SettingErrors(section);
        errors.Range(nameof(options.DownAfterFailures), options.DownAfterFailures, 0, 1_000);
        if (options.DownAfterFailures == 0 && !options.DownWhenBreakerOpens)
        {
            errors.Add($"{section}:DownAfterFailures is 0 and {section}:DownWhenBreakerOpens is false: the link could never be found down; set one of them");
        }

        errors.Range(nameof(options.ProbeSeconds), options.ProbeSeconds, 0.1, 300);
        errors.Range(nameof(options.ProbeTimeoutMs), options.ProbeTimeoutMs, 10, 60_000);
        return errors.Result;
    }
}
