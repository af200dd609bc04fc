namespace HybridInference.Training.Degradation;

/// <summary>
/// A way a camera or its environment can spoil an image. Used to measure robustness and, later, to feed
/// drift detection and chaos experiments with realistic bad input.
/// </summary>
public interface IImageDegradation
{
    /// <summary>Short, stable name (e.g. "noise-0.2") for reports and configuration.</summary>
    string Name { get; }

    /// <summary>
    /// Writes the degraded copy of a square <paramref name="side"/> x <paramref name="side"/> image with
    /// pixels in [0,1]; the result stays in [0,1]. Random choices come from <paramref name="random"/>.
    /// </summary>
    void Apply(ReadOnlySpan<float> image, Span<float> degraded, int side, Random random);
}
