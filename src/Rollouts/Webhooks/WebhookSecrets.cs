using HybridInference.Contracts.Rollouts;

namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// Webhook secrets are write-only: the stored rollout keeps them to sign calls, and every copy shown to anyone
/// (the API's JSON, the pages) goes through <see cref="WithoutSecrets"/>.
/// </summary>
public static class WebhookSecrets
{
    /// <summary><paramref name="rollout"/> with every webhook's secret removed (null, so the API's JSON leaves the field out).</summary>
    public static Rollout WithoutSecrets(this Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Spec.Webhooks.Any(h => h?.Secret is not null)
            ? rollout with { Spec = rollout.Spec with { Webhooks = [.. rollout.Spec.Webhooks.Select(h => h is null ? h! : h with { Secret = null })] } }
            : rollout;
    }
}
