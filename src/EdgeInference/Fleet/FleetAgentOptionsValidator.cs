using HybridInference.Shared.Options;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>Checks what attributes cannot: the addresses are absolute http(s) URIs and the backoff bounds are ordered.</summary>
public sealed class FleetAgentOptionsValidator : IValidateOptions<FleetAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetAgentOptions options)
    {
        var errors = new SettingErrors(FleetAgentOptions.SectionName);
        errors.HttpAddress(nameof(options.RegistryHttpAddress), options.RegistryHttpAddress);
        errors.HttpAddress(nameof(options.RegistryGrpcAddress), options.RegistryGrpcAddress);
        if (options.ReconnectMaxSeconds < options.ReconnectMinSeconds)
        {
            errors.Add($"Fleet:ReconnectMaxSeconds ({options.ReconnectMaxSeconds}) must not be below Fleet:ReconnectMinSeconds ({options.ReconnectMinSeconds}).");
        }

        return errors.Result;
    }
}
