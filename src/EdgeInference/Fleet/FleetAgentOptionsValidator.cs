using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>Checks what attributes cannot: the addresses are absolute http(s) URIs and the backoff bounds are ordered.</summary>
public sealed class FleetAgentOptionsValidator : IValidateOptions<FleetAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, FleetAgentOptions options)
    {
        List<string> errors = [];
        CheckAddress(options.RegistryHttpAddress, "Fleet:RegistryHttpAddress", errors);
        CheckAddress(options.RegistryGrpcAddress, "Fleet:RegistryGrpcAddress", errors);
        if (options.ReconnectMaxSeconds < options.ReconnectMinSeconds)
        {
            errors.Add($"Fleet:ReconnectMaxSeconds ({options.ReconnectMaxSeconds}) must not be below Fleet:ReconnectMinSeconds ({options.ReconnectMinSeconds}).");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }

    private static void CheckAddress(string? address, string key, List<string> errors)
    {
        if (!string.IsNullOrWhiteSpace(address)
            && !(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add($"{key} '{address}' is not an absolute http:// or https:// address.");
        }
    }
}
