namespace HybridInference.Registry.Pages;

/// <summary>
/// A linear axis from data values to pixels, with "nice" tick values (1, 2 or 5 times a power of ten, or
/// round time steps) so that a reader can read a point's value off the axis.
/// </summary>
internal sealed class AxisScale
{
    private static readonly double[] TimeSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

    private AxisScale(double min, double max, double pixelFrom, double pixelTo, IReadOnlyList<double> ticks, double step)
    {
        Min = min;
        Max = max;
        PixelFrom = pixelFrom;
        PixelTo = pixelTo;
        Ticks = ticks;
        Step = step;
    }

    public double Min { get; }

    public double Max { get; }

    public double PixelFrom { get; }

    public double PixelTo { get; }

    public IReadOnlyList<double> Ticks { get; }

    public double Step { get; }

    public double ToPixel(double value) => PixelFrom + ((value - Min) / (Max - Min) * (PixelTo - PixelFrom));

    /// <summary>Values with a margin of 5 % each side; a flat series gets a band around its value so it is not drawn on an edge.</summary>
    public static AxisScale ForValues(IReadOnlyCollection<double> values, double pixelFrom, double pixelTo)
    {
        var (min, max) = values.Count == 0 ? (0, 1) : (values.Min(), values.Max());
        if (max - min < 1e-12)
        {
            var pad = Math.Max(Math.Abs(min) * 0.1, 1e-3);
            (min, max) = (min - pad, max + pad);
        }
        else
        {
            var pad = (max - min) * 0.05;
            (min, max) = (min - pad, max + pad);
        }

        var step = NiceStep((max - min) / 5);
        return new AxisScale(min, max, pixelFrom, pixelTo, TicksBetween(min, max, step), step);
    }

    /// <summary>Times in Unix seconds; a single instant gets <paramref name="halfSpan"/> each side.</summary>
    public static AxisScale ForTimes(IReadOnlyCollection<double> seconds, double halfSpan, double pixelFrom, double pixelTo)
    {
        var (min, max) = seconds.Count == 0 ? (0, 1) : (seconds.Min(), seconds.Max());
        if (max - min < 1e-3)
        {
            (min, max) = (min - halfSpan, max + halfSpan);
        }
        else
        {
            var pad = (max - min) * 0.05;
            (min, max) = (min - pad, max + pad);
        }

        var step = TimeSteps.FirstOrDefault(s => (max - min) / s <= 6, TimeSteps[^1]);
        return new AxisScale(min, max, pixelFrom, pixelTo, TicksBetween(min, max, step), step);
    }

    /// <summary>Decimals a tick label needs so neighbouring ticks never read the same.</summary>
    public int Decimals => Step >= 1 ? 0 : (int)Math.Ceiling(-Math.Log10(Step) - 1e-9);

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static List<double> TicksBetween(double min, double max, double step)
    {
        var ticks = new List<double>();
        for (var tick = Math.Ceiling(min / step) * step; tick <= max + (step * 1e-9); tick += step)
        {
            // Repeated addition drifts (0.1 + 0.2): round to the step. Adding 0.0 turns -0 into 0, which would print as "-0".
            ticks.Add((Math.Round(tick / step) * step) + 0.0);
        }

        return ticks;
    }
}
