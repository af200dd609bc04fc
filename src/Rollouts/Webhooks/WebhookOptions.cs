namespace HybridInference.Rollouts.Webhooks;

/// <summary>
/// Where rollout webhooks may call and how much they may answer (section <c>Rollouts:Webhooks</c>), checked at
/// start by <see cref="WebhookOptionsValidator"/>. Loopback, link-local, private, shared (CGNAT), multicast and
/// unspecified addresses and single-label names are refused unless listed here (see <see cref="RefusedNetworks"/>).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Rollouts:Webhooks";

    /// <summary>
    /// Host names a webhook may call whatever they resolve to, e.g. <c>hooks.internal</c> or a single-label
    /// cluster name such as <c>ci-gate</c>; compared without case. <value>Defaults to none.</value>
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c> or <c>127.0.0.1/32</c>) a webhook may connect to although they
    /// are refused by default. <value>Defaults to none.</value>
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>The most bytes of a webhook's answer read; a longer answer is a failed call. <value>Defaults to 64 KiB (1 to 16 MiB).</value></summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>The most webhooks one rollout may have. <value>Defaults to 8 (1 to 64).</value></summary>
    public int MaxPerRollout { get; set; } = 8;
}
