using System.Text.Json;
using HybridInference.Rollouts.Tests.Control;
using HybridInference.Rollouts.Webhooks;

namespace HybridInference.Rollouts.Tests.Webhooks;

public sealed class WebhookSecretsTests
{
    [Fact]
    public void WithoutSecrets_RemovesEverySecret_AndTheJsonHasNoSecretField()
    {
        var rollout = TestRollouts.WithHooks(new WebhookSpec("a", WebhookTypes.Gate, "https://a.example.com/", "s3cret-a"), new WebhookSpec("b", WebhookTypes.Step, "https://b.example.com/"));

        var shown = rollout.WithoutSecrets();
        var json = JsonSerializer.Serialize(shown, RolloutsJsonContext.Default.Rollout);

        Assert.All(shown.Spec.Webhooks, h => Assert.Null(h.Secret));
        Assert.DoesNotContain("s3cret-a", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"secret\"", json, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], shown.Spec.Webhooks.Select(h => h.Name));
        Assert.Equal("s3cret-a", rollout.Spec.Webhooks[0].Secret);
    }
}
