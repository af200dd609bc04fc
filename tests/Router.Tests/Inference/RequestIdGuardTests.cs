using HybridInference.Router.Inference;

namespace HybridInference.Router.Tests.Inference;

public class RequestIdGuardTests
{
    [Fact]
    public void TryUse_SameIdSameBody_IsARetry_OtherBodyIsRefused()
    {
        var guard = new RequestIdGuard();

        Assert.True(guard.TryUse("a", "digest-1"));
        Assert.True(guard.TryUse("a", new string("digest-1".ToCharArray())));
        Assert.False(guard.TryUse("a", "digest-2"));
        Assert.True(guard.TryUse("b", "digest-2"));
    }

    [Fact]
    public void TryUse_BeyondCapacity_ForgetsTheOldestIds()
    {
        var guard = new RequestIdGuard(capacity: 2);

        guard.TryUse("a", "1");
        guard.TryUse("b", "2");
        guard.TryUse("c", "3");

        Assert.True(guard.TryUse("a", "other"));
        Assert.False(guard.TryUse("c", "other"));
    }
}
