using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Oip;

/// <summary>
/// The <c>data</c> of a tensor: a flat (or, on input, nested) row-major array. Reading never throws on
/// content: an element the protocol cannot carry is recorded in <see cref="Problem"/>, so the server can
/// answer with a 400 that names the element instead of a generic "malformed JSON".
/// </summary>
[JsonConverter(typeof(TensorDataJsonConverter))]
public sealed class TensorData
{
    private TensorData(int count) => Count = count;

    /// <summary>How many elements the data holds, after flattening.</summary>
    public int Count { get; }

    /// <summary>Numeric elements as read from JSON (including the literals NaN, Infinity, -Infinity).</summary>
    public double[]? Numbers { get; private init; }

    /// <summary>FP32 elements (outputs).</summary>
    public float[]? Singles { get; private init; }

    /// <summary>Integer elements (outputs).</summary>
    public long[]? Int64s { get; private init; }

    /// <summary>String elements (BYTES tensors).</summary>
    public string[]? Strings { get; private init; }

    /// <summary>Boolean elements (BOOL tensors).</summary>
    public bool[]? Booleans { get; private init; }

    /// <summary>Why the data cannot be used, naming the first offending element; null when it can.</summary>
    public string? Problem { get; private init; }

    public static TensorData FromNumbers(double[] values) => new(values.Length) { Numbers = values };

    public static TensorData FromSingles(float[] values) => new(values.Length) { Singles = values };

    public static TensorData FromInt64s(long[] values) => new(values.Length) { Int64s = values };

    public static TensorData FromStrings(string[] values) => new(values.Length) { Strings = values };

    public static TensorData FromBooleans(bool[] values) => new(values.Length) { Booleans = values };

    public static TensorData Invalid(string problem) => new(0) { Problem = problem };
}
