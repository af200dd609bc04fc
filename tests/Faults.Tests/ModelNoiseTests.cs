using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.Faults.Tests;

public sealed class ModelNoiseTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Apply_WithoutAFault_ReturnsTheSameBuffer()
    {
        using var host = new ServiceHost("edge-1", _time, new FixedRandom(0.3));
        var input = new float[] { 0.5f, 0.5f };

        Assert.Same(input, host.Services.GetRequiredService<ModelNoise>().Apply(input, 1));
    }

    [Fact]
    public void Apply_ChangesACopy_ClampedToTheUnitRange_LeavingTheCallersBufferAlone()
    {
        // Draws 0.5 then 0.0 per value: sqrt(-2 ln 0.5) * cos(0) = +1.1774 standard deviations.
        using var host = new ServiceHost("edge-1", _time, new FixedRandom(0.5, 0.0, 0.5, 0.0));
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "model-noise", Service = "edge-1", Noise = 0.1, DurationSeconds = 60 }, _time.GetUtcNow())]);
        var input = new float[] { 0.5f, 0.95f };

        var seen = host.Services.GetRequiredService<ModelNoise>().Apply(input, 1);

        Assert.NotSame(input, seen);
        Assert.Equal([0.5f, 0.95f], input);
        Assert.Equal(0.5 + (0.1 * Math.Sqrt(-2 * Math.Log(0.5))), seen[0], 4);
        Assert.Equal(1f, seen[1]);
    }

    [Fact]
    public void Apply_AtRate_NoisesOnlyTheRowsDrawnBelowIt()
    {
        // Row 0: rate draw 0.9 (>= 0.5, untouched); row 1: rate draw 0.1 (noised), then noise draws 0.5, 0.0.
        using var host = new ServiceHost("edge-1", _time, new FixedRandom(0.9, 0.1, 0.5, 0.0));
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "model-noise", Service = "edge-1", Noise = 0.2, Rate = 0.5, DurationSeconds = 60 }, _time.GetUtcNow())]);

        var seen = host.Services.GetRequiredService<ModelNoise>().Apply([0.2f, 0.2f], 2);

        Assert.Equal(0.2f, seen[0]);
        Assert.NotEqual(0.2f, seen[1]);
    }

    [Fact]
    public void Apply_FaultOnAnotherNode_ChangesNothing()
    {
        using var host = new ServiceHost("edge-1", _time, new FixedRandom(0.5, 0.0));
        host.State.Replace([Faults.Make(new FaultRequest { Kind = "model-noise", Service = "edge-2", Noise = 0.5, DurationSeconds = 60 }, _time.GetUtcNow())]);
        var input = new float[] { 0.5f };

        Assert.Same(input, host.Services.GetRequiredService<ModelNoise>().Apply(input, 1));
    }
}
