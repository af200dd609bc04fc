using HybridInference.Rollouts.Webhooks;
using Microsoft.Extensions.Options;

namespace HybridInference.Rollouts.Tests.Webhooks;

public sealed class WebhookSpecPolicyTests
{
    [Fact]
    public void Validate_MoreHooksThanTheLimit_NamesTheLimitAndItsKey()
    {
        var hooks = Enumerable.Range(0, 4).Select(i => new WebhookSpec($"h{i}", WebhookTypes.Step, $"https://hooks.example.com/{i}")).ToList();

        var errors = Policy(maxPerRollout: 3).Validate(hooks);

        Assert.Equal(["'webhooks' may hold at most 3 hooks (was 4; Rollouts:Webhooks:MaxPerRollout)"], errors);
        Assert.Empty(Policy(maxPerRollout: 4).Validate(hooks));
    }

    [Fact]
    public void Validate_ARefusedDestination_NamesTheWebhookAndWhy()
    {
        var errors = Policy().Validate([new("ok", WebhookTypes.Step, "https://hooks.example.com/x"), new("meta", WebhookTypes.Gate, "http://169.254.169.254/latest")]);

        var error = Assert.Single(errors);
        Assert.StartsWith("'webhooks[1]' ('meta') may not call http://169.254.169.254: 169.254.169.254 is link-local", error, StringComparison.Ordinal);
        Assert.EndsWith("allow it with Rollouts:Webhooks:AllowedHosts or AllowedNetworks", error, StringComparison.Ordinal);
    }

    private static WebhookSpecPolicy Policy(int maxPerRollout = 8)
    {
        var options = Options.Create(new WebhookOptions { MaxPerRollout = maxPerRollout });
        return new(new WebhookDestinations(options), options);
    }
}
