using System.Collections.Concurrent;
using HybridInference.Contracts.Oip;
using Microsoft.ML.OnnxRuntime;

namespace HybridInference.Inference.Runtime;

/// <summary>
/// One ONNX Runtime session serving a classifier with one FP32 input <c>[N, features]</c> and one FP32
/// output <c>[N, classes]</c>, the contract of the training pipeline. The session is thread-safe: ONNX
/// Runtime allows concurrent <c>Run</c> calls on one session.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    // Read-only after creation, so one instance serves concurrent runs.
    private readonly RunOptions _runOptions = new();

    // Single-row runs (every edge request, the cloud without batching) reuse bound buffers; a bag keeps one per
    // thread that ran, so it holds about as many as runs ever overlapped.
    private readonly ConcurrentBag<BoundRun> _singleRuns = [];

    private OnnxModel(InferenceSession session, string executionProvider)
    {
        _session = session;
        ExecutionProvider = executionProvider;
        var (inputName, input) = session.InputMetadata.Single();
        var (outputName, output) = session.OutputMetadata.Single();
        _inputNames = [inputName];
        _outputNames = [outputName];
        Input = new TensorMetadata(inputName, Datatypes.Fp32, [.. input.Dimensions.Select(d => (long)d)]);
        Output = new TensorMetadata(outputName, Datatypes.Fp32, [.. output.Dimensions.Select(d => (long)d)]);
        Features = input.Dimensions[1];
        Classes = output.Dimensions[1];
    }

    public TensorMetadata Input { get; }

    public TensorMetadata Output { get; }

    /// <summary>Values per input row (784 for a 28x28 image).</summary>
    public int Features { get; }

    /// <summary>Values per output row (10 classes).</summary>
    public int Classes { get; }

    /// <summary>The provider the session really runs on.</summary>
    public string ExecutionProvider { get; }

    /// <summary>
    /// Loads <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when the
    /// model does not follow the serving contract.
    /// </summary>
    public static OnnxModel Load(string path, int intraOpThreads, bool useCuda, Action<string>? onCudaUnavailable = null)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
        };
        var provider = "CPUExecutionProvider";
        if (useCuda)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(0);
                provider = "CUDAExecutionProvider";
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                // The CPU package has no CUDA provider; serving on CPU beats not serving.
                onCudaUnavailable?.Invoke(ex.Message);
            }
        }

        var session = new InferenceSession(path, options);
        try
        {
            CheckContract(path, session);
            return new OnnxModel(session, provider);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="rows"/> rows of <see cref="Features"/> values; returns rows x <see cref="Classes"/> values.</summary>
    public float[] Run(float[] input, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(input.Length, rows * Features);
        if (rows == 1)
        {
            var run = _singleRuns.TryTake(out var free) ? free : new BoundRun(_session, _inputNames[0], _outputNames[0], Features, Classes);
            try
            {
                return run.Run(_session, _runOptions, input);
            }
            finally
            {
                _singleRuns.Add(run);
            }
        }

        // ONNX Runtime writes straight into a managed array: no native output tensor, no copy.
        var output = new float[rows * Classes];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [rows, Features]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [rows, Classes]);
        _session.Run(_runOptions, _inputNames, [inputValue], _outputNames, [outputValue]);
        return output;
    }

    public void Dispose()
    {
        // Serving disposes a version only when no request holds it (ServedModel), so every bound run is back in the bag.
        while (_singleRuns.TryTake(out var run))
        {
            run.Dispose();
        }

        _session.Dispose();
        _runOptions.Dispose();
    }

    private static void CheckContract(string path, InferenceSession session)
    {
        if (session.InputMetadata.Count != 1 || session.OutputMetadata.Count != 1)
        {
            throw new InvalidDataException($"{path}: serving needs exactly one input and one output, found {session.InputMetadata.Count} and {session.OutputMetadata.Count}");
        }

        foreach (var (name, meta) in session.InputMetadata.Concat(session.OutputMetadata))
        {
            if (meta.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float || meta.Dimensions.Length != 2 || meta.Dimensions[1] <= 0)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' must be FP32 [N, k] with a fixed k, found {meta.ElementDataType} [{string.Join(", ", meta.Dimensions)}]");
            }
        }
    }
}
