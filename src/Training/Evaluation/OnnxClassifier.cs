using HybridInference.Training.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HybridInference.Training.Evaluation;

/// <summary>
/// A model file loaded in ONNX Runtime (CPU), called through the <see cref="OnnxContract"/> names.
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;

    /// <param name="path">The .onnx file.</param>
    /// <param name="intraOpThreads">ORT's intra-op threads; 1 makes latency comparable between runs and machines.</param>
    public OnnxClassifier(string path, int intraOpThreads = 1)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: model file not found", path);
        }

        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _session = new InferenceSession(path, options);
        (InputSize, ClassCount) = CheckContractOrDispose(path, _session);
    }

    /// <param name="model">The .onnx file's bytes (a model downloaded from the registry or just exported).</param>
    /// <param name="label">Names the model in error messages, since there is no path to name.</param>
    /// <param name="intraOpThreads">ORT's intra-op threads; 1 makes latency comparable between runs and machines.</param>
    public OnnxClassifier(byte[] model, string label, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        _session = new InferenceSession(model, options);
        (InputSize, ClassCount) = CheckContractOrDispose(label, _session);
    }

    public int InputSize { get; }

    public int ClassCount { get; }

    /// <summary>Probabilities for <paramref name="count"/> images, row after row, computed in batches.</summary>
    public float[] Predict(ReadOnlySpan<float> pixels, int count, int batchSize = 1000)
    {
        var result = new float[count * ClassCount];
        for (var start = 0; start < count; start += batchSize)
        {
            var n = Math.Min(batchSize, count - start);
            RunBatch(pixels.Slice(start * InputSize, n * InputSize).ToArray(), n).CopyTo(result.AsSpan(start * ClassCount));
        }

        return result;
    }

    /// <summary>One ORT call on <paramref name="count"/> images.</summary>
    public float[] RunBatch(float[] pixels, int count)
    {
        var tensor = new DenseTensor<float>(pixels, [count, InputSize]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(OnnxContract.InputName, tensor)], [OnnxContract.OutputName]);
        return results.Single().AsEnumerable<float>().ToArray();
    }

    public IReadOnlyDictionary<string, NodeMetadata> Inputs => _session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> Outputs => _session.OutputMetadata;

    public void Dispose() => _session.Dispose();

    private static (int InputSize, int ClassCount) CheckContractOrDispose(string label, InferenceSession session)
    {
        try
        {
            return CheckContract(label, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    // A model with another signature would be silently misread by every caller, so refuse it when loading.
    private static (int InputSize, int ClassCount) CheckContract(string path, InferenceSession session)
    {
        var inputs = session.InputMetadata;
        if (inputs.Count != 1 || !inputs.TryGetValue(OnnxContract.InputName, out var input))
        {
            throw new InvalidDataException($"{path}: inputs are [{string.Join(", ", inputs.Keys)}], expected exactly '{OnnxContract.InputName}'");
        }

        if (!session.OutputMetadata.TryGetValue(OnnxContract.OutputName, out var output))
        {
            throw new InvalidDataException($"{path}: outputs are [{string.Join(", ", session.OutputMetadata.Keys)}], expected '{OnnxContract.OutputName}'");
        }

        if (input.ElementType != typeof(float) || input.Dimensions.Length != 2 || output.Dimensions.Length != 2)
        {
            throw new InvalidDataException($"{path}: '{OnnxContract.InputName}' and '{OnnxContract.OutputName}' must be float [N, features]");
        }

        return (input.Dimensions[1], output.Dimensions[1]);
    }
}
