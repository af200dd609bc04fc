using HybridInference.Rollouts.Control;

namespace HybridInference.Rollouts.Tests.Control;

public class CanaryGroupTests
{
    private static readonly string[] Fleet = [.. Enumerable.Range(1, 40).Select(i => $"edge-{i}")];

    [Fact]
    public void FivePercent_OfForty_IsTwoDevices_AndTheSameEveryTime()
    {
        var first = CanaryGroup.Select(Fleet, "fashion-edge", 5);
        var shuffled = CanaryGroup.Select(Fleet.Reverse().ToArray(), "fashion-edge", 5);

        Assert.Equal(2, first.Count);
        Assert.Equal(first, shuffled);
    }

    [Fact]
    public void EachStep_ContainsThePreviousOne()
    {
        IReadOnlyList<string> previous = [];
        foreach (var weight in new[] { 5, 25, 50, 75, 100 })
        {
            var group = CanaryGroup.Select(Fleet, "fashion-edge", weight);
            Assert.All(previous, d => Assert.Contains(d, group));
            previous = group;
        }

        Assert.Equal(40, previous.Count);
    }

    [Fact]
    public void SmallFleets_KeepOneCanaryAndOneControl()
    {
        Assert.Single(CanaryGroup.Select(["a", "b", "c"], "m", 5));
        Assert.Single(CanaryGroup.Select(["a", "b"], "m", 99));
        Assert.Empty(CanaryGroup.Select(["a"], "m", 5));
        Assert.Equal(2, CanaryGroup.Select(["a", "b"], "m", 100).Count);
        Assert.Empty(CanaryGroup.Select(Fleet, "m", 0));
    }

    [Fact]
    public void DifferentModels_PickDifferentCanaries()
    {
        Assert.NotEqual(CanaryGroup.Select(Fleet, "fashion-edge", 25), CanaryGroup.Select(Fleet, "digits-edge", 25));
    }
}
