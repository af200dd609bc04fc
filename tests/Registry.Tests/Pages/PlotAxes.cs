using System.Globalization;
using System.Xml.Linq;

namespace HybridInference.Registry.Tests.Pages;

/// <summary>
/// Reads a plot the way a person does: from two labelled ticks of each axis it works out which value and
/// which time a pixel stands for. A plot whose points do not match its own axes cannot pass.
/// </summary>
public sealed class PlotAxes
{
    private readonly (double Pixel, double Value) _y0, _y1, _x0, _x1;

    public PlotAxes(XElement svg)
    {
        var y = PageDocument.Under(svg, "g", "y-tick").Select(t => (
            Pixel: double.Parse((string)PageDocument.Under(t, "text").Single().Attribute("y")!, CultureInfo.InvariantCulture),
            Value: double.Parse(PageDocument.Under(t, "text").Single().Value, CultureInfo.InvariantCulture))).ToList();
        var x = PageDocument.Under(svg, "g", "x-tick").Select(t => (
            Pixel: double.Parse((string)PageDocument.Under(t, "text").Single().Attribute("x")!, CultureInfo.InvariantCulture),
            Value: (double)DateTimeOffset.Parse((string)t.Attribute("data-value")!, CultureInfo.InvariantCulture).ToUnixTimeSeconds())).ToList();
        Assert.True(y.Count >= 2, $"a value axis needs at least two ticks, has {y.Count}");
        Assert.True(x.Count >= 2, $"a time axis needs at least two ticks, has {x.Count}");
        (_y0, _y1, _x0, _x1) = (y[0], y[^1], x[0], x[^1]);
        YTickLabels = y.Select(t => t.Value).ToList();
    }

    public IReadOnlyList<double> YTickLabels { get; }

    /// <summary>The value shown per pixel; a tolerance in values should be at least a pixel's worth.</summary>
    public double ValuePerPixel => Math.Abs((_y1.Value - _y0.Value) / (_y1.Pixel - _y0.Pixel));

    public double Value(double pixel) => _y0.Value + ((pixel - _y0.Pixel) * (_y1.Value - _y0.Value) / (_y1.Pixel - _y0.Pixel));

    public DateTimeOffset Time(double pixel) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(1000 * (_x0.Value + ((pixel - _x0.Pixel) * (_x1.Value - _x0.Value) / (_x1.Pixel - _x0.Pixel)))));
}
