using System.Globalization;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Links;

/// <summary>Checks the link-state settings at start and names each bad one by its key.</summary>
public sealed class CloudLinkOptionsValidator : IValidateOptions<CloudLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = CloudLinkOptions.SectionName;
        if (options.DownAfterFailures is < 0 or > 1_000)
        {
            errors.Add($"{section}:DownAfterFailures must be between 0 and 1000 (was {options.DownAfterFailures.ToString(CultureInfo.InvariantCulture)})");
        }

        if (options.DownAfterFailures == 0 && !options.DownWhenBreakerOpens)
        {
            errors.Add($"{section}:DownAfterFailures is 0 and {section}:DownWhenBreakerOpens is false: the link could never be found down; set one of them");
        }

        if (!(options.ProbeSeconds >= 0.1 && options.ProbeSeconds <= 300))
        {
            errors.Add($"{section}:ProbeSeconds must be between 0.1 and 300 (was {options.ProbeSeconds.ToString(CultureInfo.InvariantCulture)})");
        }

        if (options.ProbeTimeoutMs is < 10 or > 60_000)
        {
            errors.Add($"{section}:ProbeTimeoutMs must be between 10 and 60000 (was {options.ProbeTimeoutMs.ToString(CultureInfo.InvariantCulture)})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
