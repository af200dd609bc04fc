using HybridInference.Router.Routing;

namespace HybridInference.Router.Tests.Routing;

/// <summary>A deterministic <see cref="IRandomSource"/>: a given cycle of values, or a seeded generator.</summary>
internal sealed class FixedRandom : IRandomSource
{
    private readonly double[]? _values;
    private readonly Random? _seeded;
    private int _next;

    public FixedRandom(params double[] values) => _values = values;

    private FixedRandom(Random seeded) => _seeded = seeded;

    public static FixedRandom Seeded(int seed) => new(new Random(seed));

    public int Calls { get; private set; }

    public double NextDouble()
    {
        Calls++;
        return _seeded?.NextDouble() ?? _values![_next++ % _values.Length];
    }
}
