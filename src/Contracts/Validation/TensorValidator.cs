using System.Globalization;
using System.Numerics;
using HybridInference.Contracts.Oip;

namespace HybridInference.Contracts.Validation;

/// <summary>
/// Checks one input tensor of an inference request, first on its own (name, datatype, shape, element
/// count) and then against the model's declared input. Every message names the input and the offending
/// value, because "bad request" alone sends the user to the server logs. Shared by the inference servers
/// (HTTP and gRPC) and by clients such as the router that want to refuse bad input before forwarding it.
/// </summary>
public static class TensorValidator
{
    /// <summary>Upper bound on the elements of one tensor: far above any real image batch, far below memory trouble.</summary>
    public const long MaxElements = 64L * 1024 * 1024;

    /// <summary>Checks what can be checked without the model; returns the problem, or null.</summary>
    public static string? ValidateStructure(string? name, string? datatype, IReadOnlyList<long>? shape, long elementCount)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "an input has no 'name'";
        }

        if (string.IsNullOrEmpty(datatype))
        {
            return $"input '{name}' has no 'datatype'";
        }

        if (!Datatypes.IsKnown(datatype))
        {
            return $"input '{name}' has unknown datatype '{datatype}'; the protocol's datatypes are {string.Join(", ", Datatypes.All)}";
        }

        if (shape is null || shape.Count == 0)
        {
            return $"input '{name}' has no 'shape'";
        }

        long product = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                return $"input '{name}' has negative dimension {dim} in shape {Format(shape)}";
            }

            // Multiplying before checking could overflow long for crafted shapes such as [2^40, 2^40].
            if (dim > 0 && product > MaxElements / dim)
            {
                return $"input '{name}' shape {Format(shape)} describes more than {MaxElements} elements";
            }

            product *= dim;
        }

        return product != elementCount
            ? $"input '{name}' has {elementCount} data elements but shape {Format(shape)} needs {product}"
            : null;
    }

    /// <summary>
    /// Checks a structurally valid input against the model's declared input (datatype, rank, fixed
    /// dimensions) and the batch limits. The first dimension is the batch.
    /// </summary>
    public static string? ValidateAgainst(string modelName, string datatype, IReadOnlyList<long> shape, TensorMetadata expected, int maxBatchSize)
    {
        if (!string.Equals(datatype, expected.Datatype, StringComparison.Ordinal))
        {
            return $"input '{expected.Name}' has datatype {datatype} but model '{modelName}' expects {expected.Datatype}";
        }

        if (shape.Count != expected.Shape.Count)
        {
            return $"input '{expected.Name}' has shape {Format(shape)} but model '{modelName}' expects {Format(expected.Shape)} (rank {expected.Shape.Count})";
        }

        for (var i = 1; i < shape.Count; i++)
        {
            if (expected.Shape[i] >= 0 && shape[i] != expected.Shape[i])
            {
                return $"input '{expected.Name}' has shape {Format(shape)} but model '{modelName}' expects {Format(expected.Shape)} (dimension {i} must be {expected.Shape[i]})";
            }
        }

        if (shape[0] == 0)
        {
            return $"input '{expected.Name}' is an empty batch (shape {Format(shape)}); send at least one row";
        }

        return shape[0] > maxBatchSize
            ? $"input '{expected.Name}' has a batch of {shape[0]} but model '{modelName}' takes at most {maxBatchSize} per request"
            : null;
    }

    /// <summary>Checks that every value is finite and within [min, max], the range the model was trained on.</summary>
    public static string? ValidateRange(string inputName, ReadOnlySpan<float> values, float min, float max) =>
        AllWithin(values, min, max) ? null : FirstOutside(inputName, values, min, max);

    /// <summary>Like the single-precision overload, for values read from JSON before they are narrowed to FP32.</summary>
    public static string? ValidateRange(string inputName, ReadOnlySpan<double> values, float min, float max) =>
        AllWithin(values, min, max) ? null : FirstOutside(inputName, values, min, max);

    /// <summary>The problem with the first value that is not finite or outside [min, max]; null when there is none.</summary>
    private static string? FirstOutside<T>(string inputName, ReadOnlySpan<T> values, float min, float max)
        where T : IFloatingPointIeee754<T>
    {
        var low = T.CreateTruncating(min);
        var high = T.CreateTruncating(max);
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!T.IsFinite(v))
            {
                return $"input '{inputName}' element {i} is {Name(float.CreateTruncating(v))}; the model takes finite values in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]";
            }

            if (v < low || v > high)
            {
                return $"input '{inputName}' element {i} is {v.ToString(null, CultureInfo.InvariantCulture)}, outside the model's range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]";
            }
        }

        return null;
    }

    /// <summary>
    /// The common case, checked a vector at a time (it showed in the serving profile: 784 values per image): true
    /// when every value lies in a finite [min, max], which also rules out NaN and infinities, as comparisons with NaN
    /// are false. Otherwise the element-wise loop finds the first bad value and says what it is.
    /// </summary>
    private static bool AllWithin<T>(ReadOnlySpan<T> values, T min, T max)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(min) || !T.IsFinite(max))
        {
            return false;
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var low = new Vector<T>(min);
            var high = new Vector<T>(max);
            for (; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var chunk = new Vector<T>(values[i..]);
                if (!Vector.GreaterThanOrEqualAll(chunk, low) || !Vector.LessThanOrEqualAll(chunk, high))
                {
                    return false;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!(values[i] >= min && values[i] <= max))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AllWithin(ReadOnlySpan<double> values, float min, float max) => AllWithin(values, (double)min, (double)max);

    /// <summary>Formats a shape the way the protocol writes it, e.g. <c>[-1, 784]</c>.</summary>
    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static string Name(float v) => float.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}
