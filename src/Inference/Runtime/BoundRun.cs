using Microsoft.ML.OnnxRuntime;

namespace HybridInference.Inference.Runtime;

/// <summary>
/// A reusable single-row run: pinned input and output buffers bound once to an ONNX Runtime I/O binding, so a run is
/// a copy in, one native call and a copy out, instead of two tensors created, named and released per call. For the
/// edge's 51 KB MLP that was 3.15 against 4.06 µs per run and 64 against 576 B allocated (BenchmarkDotNet,
/// <c>bench/Bench -- micro --filter '*OnnxSession*'</c>, Batch1 against Batch1FreshTensors). Not thread-safe:
/// <see cref="OnnxModel"/> lends each instance to one run at a time.
/// </summary>
internal sealed class BoundRun : IDisposable
{
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly OrtValue _inputValue;
    private readonly OrtValue _outputValue;
    private readonly OrtIoBinding _binding;

    public BoundRun(InferenceSession session, string inputName, string outputName, int features, int classes)
    {
        _input = new float[features];
        _output = new float[classes];
        _inputValue = OrtValue.CreateTensorValueFromMemory(_input, [1, features]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(_output, [1, classes]);
        _binding = session.CreateIoBinding();
        _binding.BindInput(inputName, _inputValue);
        _binding.BindOutput(outputName, _outputValue);
    }

    /// <summary>Runs the row in <paramref name="input"/>; returns a copy of the answer, since the buffer is reused.</summary>
    public float[] Run(InferenceSession session, RunOptions options, float[] input)
    {
        input.AsSpan().CopyTo(_input);
        session.RunWithBinding(options, _binding);
        return _output.ToArray();
    }

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
    }
}
