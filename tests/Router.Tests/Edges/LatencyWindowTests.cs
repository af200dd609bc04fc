using HybridInference.Router.Edges;

namespace HybridInference.Router.Tests.Edges;

public class LatencyWindowTests
{
    [Fact]
    public void P95_Empty_IsZero() => Assert.Equal(0, new LatencyWindow(10).P95());

    [Fact]
    public void P95_KeepsOnlyTheLastValues()
    {
        var window = new LatencyWindow(20);
        for (var i = 0; i < 20; i++)
        {
            window.Add(1000);
        }

        for (var i = 1; i <= 20; i++)
        {
            window.Add(i);
        }

        Assert.Equal(19, window.P95());
    }
}
