namespace HybridInference.Training.Degradation;

/// <summary>
/// Rotates about the centre by a random angle in [-<see cref="MaxDegrees"/>, +<see cref="MaxDegrees"/>]
/// with bilinear sampling (a tilted camera or product); uncovered corners become 0 (background).
/// </summary>
public sealed class Rotation(double maxDegrees) : IImageDegradation
{
    public double MaxDegrees { get; } = maxDegrees is > 0 and <= 180 ? maxDegrees : throw new ArgumentOutOfRangeException(nameof(maxDegrees), maxDegrees, "must be in (0,180]");

    public string Name => $"rotation-{MaxDegrees:0.#}deg";

    public void Apply(ReadOnlySpan<float> image, Span<float> degraded, int side, Random random)
    {
        var angle = ((random.NextDouble() * 2) - 1) * MaxDegrees * Math.PI / 180;
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        var centre = (side - 1) / 2.0;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                // Inverse mapping: where in the source does this destination pixel come from?
                var sx = (cos * (x - centre)) + (sin * (y - centre)) + centre;
                var sy = (-sin * (x - centre)) + (cos * (y - centre)) + centre;
                degraded[(y * side) + x] = Sample(image, side, sx, sy);
            }
        }
    }

    private static float Sample(ReadOnlySpan<float> image, int side, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = (float)(x - x0);
        var fy = (float)(y - y0);
        var top = (Pixel(image, side, x0, y0) * (1 - fx)) + (Pixel(image, side, x0 + 1, y0) * fx);
        var bottom = (Pixel(image, side, x0, y0 + 1) * (1 - fx)) + (Pixel(image, side, x0 + 1, y0 + 1) * fx);
        return Math.Clamp((top * (1 - fy)) + (bottom * fy), 0f, 1f);
    }

    private static float Pixel(ReadOnlySpan<float> image, int side, int x, int y) =>
        x >= 0 && x < side && y >= 0 && y < side ? image[(y * side) + x] : 0f;
}
