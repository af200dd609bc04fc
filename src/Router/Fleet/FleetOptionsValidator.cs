using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Fleet;

/// <summary>Checks the <c>Fleet</c> section at start and names each bad setting by its key.</summary>
public sealed class FleetOptionsValidator : IValidateOptions<FleetOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(FleetOptions.SectionName);
        if (options.RegistryAddress is { Length: > 0 } address && !SettingErrors.IsHttpAddress(address))
        {
            errors.Add($"{FleetOptions.SectionName}:RegistryAddress must be an absolute http(s) address, e.g. http://registry (was '{address}')");
        }

        errors.Range(nameof(options.PollSeconds), options.PollSeconds, 0.1, 300);
        errors.Range(nameof(options.TimeoutMs), options.TimeoutMs, 10, 60_000);
        return errors.Result;
    }
}
