using System.Net;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>Checks the webhook settings at start, every error at once, each naming its key and value.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            var host = options.AllowedHosts[i];
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) != UriHostNameType.Dns)
            {
                errors.Add($"{WebhookOptions.Section}:{nameof(options.AllowedHosts)}:{i} must be a DNS host name such as hooks.example.com (was '{host}'); list addresses under {nameof(options.AllowedNetworks)}");
            }
        }

        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            var network = options.AllowedNetworks[i];
            if (!IsCidr(network))
            {
                errors.Add($"{WebhookOptions.Section}:{nameof(options.AllowedNetworks)}:{i} must be a network in CIDR form such as 10.20.0.0/16 or 127.0.0.1/32, with no bits set past the prefix (was '{network}')");
            }
        }

        if (options.MaxResponseBytes is < 1 or > 16 * 1024 * 1024)
        {
            errors.Add($"{WebhookOptions.Section}:{nameof(options.MaxResponseBytes)} must be between 1 and {16 * 1024 * 1024} (was {options.MaxResponseBytes})");
        }

        if (options.MaxPerRollout is < 1 or > 64)
        {
            errors.Add($"{WebhookOptions.Section}:{nameof(options.MaxPerRollout)} must be between 1 and 64 (was {options.MaxPerRollout})");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // IPNetwork.TryParse accepts host bits past the prefix (10.0.0.1/8) and drops them; such a value is more likely a
    // typo for one address than a wish for the whole network, so it is refused.
    private static bool IsCidr(string? network) =>
        !string.IsNullOrWhiteSpace(network)
        && network.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash
        && IPNetwork.TryParse(network, out var parsed)
        && IPAddress.TryParse(network.AsSpan(0, slash), out var address)
        && parsed.BaseAddress.Equals(address);
}
