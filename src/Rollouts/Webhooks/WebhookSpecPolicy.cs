using HybridInference.Contracts.Rollouts;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// The configured limits on a rollout's webhooks, checked when it starts (after the spec's own shape): how many it
/// may have and where each may call. Each error names the webhook and why, as the API's 400 returns it.
/// </summary>
public sealed class WebhookSpecPolicy(WebhookDestinations destinations, IOptions<WebhookOptions> options)
{
    public IReadOnlyList<string> Validate(IReadOnlyList<WebhookSpec>? webhooks)
    {
        var errors = new List<string>();
        if (webhooks is null)
        {
            return errors;
        }

        var max = options.Value.MaxPerRollout;
        if (webhooks.Count > max)
        {
            errors.Add($"'webhooks' may hold at most {max} hooks (was {webhooks.Count}; {WebhookOptions.Section}:{nameof(WebhookOptions.MaxPerRollout)})");
        }

        for (var i = 0; i < webhooks.Count; i++)
        {
            if (Uri.TryCreate(webhooks[i]?.Url, UriKind.Absolute, out var url) && destinations.Refuse(url) is { } reason)
            {
                errors.Add($"'webhooks[{i}]' ('{webhooks[i]!.Name}') may not call {url.GetLeftPart(UriPartial.Authority)}: {reason}; "
                    + $"allow it with {WebhookOptions.Section}:{nameof(WebhookOptions.AllowedHosts)} or {nameof(WebhookOptions.AllowedNetworks)}");
            }
        }

        return errors;
    }
}
