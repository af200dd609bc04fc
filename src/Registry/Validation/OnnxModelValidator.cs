using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HybridInference.Registry.Validation;

/// <summary>
/// Proves a file is a model ONNX Runtime can serve before it is accepted: it loads, its inputs and
/// outputs are the ones its card declares, and one inference on a zero input returns finite numbers.
/// </summary>
public static class OnnxModelValidator
{
    public static IReadOnlyList<string> Validate(string path, IReadOnlyList<TensorSignature> declaredInputs, IReadOnlyList<TensorSignature> declaredOutputs)
    {
        List<string> errors = [];
        InferenceSession session;
        try
        {
            using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            errors.Add($"model: ONNX Runtime cannot load the file: {FirstLine(ex.Message)}");
            return errors;
        }

        using (session)
        {
            var actualInputs = Describe(session.InputMetadata);
            var actualOutputs = Describe(session.OutputMetadata);
            Compare("input", declaredInputs, actualInputs, errors);
            Compare("output", declaredOutputs, actualOutputs, errors);
            if (errors.Count == 0)
            {
                SmokeRun(session, errors);
            }
        }

        return errors;
    }

    private static void Compare(string kind, IReadOnlyList<TensorSignature> declared, IReadOnlyList<TensorSignature> actual, List<string> errors)
    {
        foreach (var want in declared)
        {
            var have = actual.FirstOrDefault(a => a.Name == want.Name);
            if (have is null)
            {
                errors.Add($"model: the card declares {kind} '{want.Name}' but the graph has [{string.Join(", ", actual.Select(a => a.Name))}]");
            }
            else if (!have.SameAs(want))
            {
                errors.Add($"model: {kind} '{want.Name}' is {have} in the graph but {want} in the card");
            }
        }

        foreach (var extra in actual.Where(a => declared.All(d => d.Name != a.Name)))
        {
            errors.Add($"model: the graph has {kind} '{extra.Name}' that the card does not declare");
        }
    }

    private static void SmokeRun(InferenceSession session, List<string> errors)
    {
        try
        {
            var inputs = session.InputMetadata.Select(pair =>
            {
                var shape = pair.Value.Dimensions.Select(d => d > 0 ? d : 1).ToArray();
                return pair.Value.ElementType == typeof(float)
                    ? NamedOnnxValue.CreateFromTensor(pair.Key, new DenseTensor<float>(shape))
                    : throw new NotSupportedException($"input '{pair.Key}' has element type {pair.Value.ElementType.Name}; only float32 inputs are served");
            }).ToList();
            using var results = session.Run(inputs);
            foreach (var result in results)
            {
                if (result.Value is Tensor<float> tensor && tensor.Any(v => !float.IsFinite(v)))
                {
                    errors.Add($"model: output '{result.Name}' is not finite for a zero input");
                }
            }
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or NotSupportedException)
        {
            errors.Add($"model: a test inference failed: {FirstLine(ex.Message)}");
        }
    }

    private static List<TensorSignature> Describe(IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        metadata.Select(pair => new TensorSignature(
            pair.Key,
            ElementTypeName(pair.Value.ElementType),
            pair.Value.Dimensions.Select((d, i) => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : (pair.Value.SymbolicDimensions.ElementAtOrDefault(i) is { Length: > 0 } sym ? sym : "N")).ToList()))
        .ToList();

    private static string ElementTypeName(Type type) => type == typeof(float) ? "float32"
        : type == typeof(double) ? "float64"
        : type == typeof(long) ? "int64"
        : type == typeof(int) ? "int32"
        : type == typeof(byte) ? "uint8"
        : type.Name.ToLowerInvariant();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
