using System.Globalization;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Fleet;

/// <summary>Checks the <c>Fleet</c> section at start and names each bad setting by its key.</summary>
public sealed class FleetOptionsValidator : IValidateOptions<FleetOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = FleetOptions.SectionName;
        if (options.RegistryAddress is { Length: > 0 } address
            && (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"{section}:RegistryAddress must be an absolute http(s) address, e.g. http://registry (was '{address}')");
        }

        if (!(options.PollSeconds >= 0.1 && options.PollSeconds <= 300))
        {
            errors.Add($"{section}:PollSeconds must be between 0.1 and 300 (was {options.PollSeconds.ToString(CultureInfo.InvariantCulture)})");
        }

        if (options.TimeoutMs is < 10 or > 60_000)
        {
            errors.Add($"{section}:TimeoutMs must be between 10 and 60000 (was {options.TimeoutMs.ToString(CultureInfo.InvariantCulture)})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
