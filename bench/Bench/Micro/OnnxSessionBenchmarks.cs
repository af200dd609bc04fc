using BenchmarkDotNet.Attributes;
using HybridInference.Bench.Payloads;
using HybridInference.Inference.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace HybridInference.Bench.Micro;

/// <summary>
/// The committed models through the serving code's own <see cref="OnnxModel"/> (one intra-op thread, as
/// served): one image, and a batch of 64 as the cloud's dynamic batcher forms it.
/// </summary>
[MemoryDiagnoser]
public class OnnxSessionBenchmarks
{
    private OnnxModel _model = null!;
    private float[] _one = [];
    private float[] _batch = [];
    private InferenceSession _session = null!;
    private RunOptions _runOptions = null!;
    private string[] _inputNames = [];
    private string[] _outputNames = [];

    [Params("fashion-edge", "fashion-cloud")]
    public string Model { get; set; } = "fashion-edge";

    [GlobalSetup]
    public void Setup()
    {
        _model = OnnxModel.Load(Path.Combine(RepositoryPaths.Models, Model, "1", "model.onnx"), intraOpThreads: 1, useCuda: false);
        var images = TestImages.Load();
        _one = images.Pixels(0, 1);
        _batch = images.Pixels(0, 64);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
        };
        _session = new InferenceSession(Path.Combine(RepositoryPaths.Models, Model, "1", "model.onnx"), options);
        _runOptions = new RunOptions();
        _inputNames = [_session.InputMetadata.Keys.Single()];
        _outputNames = [_session.OutputMetadata.Keys.Single()];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model.Dispose();
        _session.Dispose();
        _runOptions.Dispose();
    }

    [Benchmark(Baseline = true)]
    public float[] Batch1() => _model.Run(_one, 1);

    /// <summary>A single row as serving ran it before <c>BoundRun</c>: two tensors created, named and released per call.</summary>
    [Benchmark]
    public float[] Batch1FreshTensors()
    {
        var output = new float[_model.Classes];
        using var input = OrtValue.CreateTensorValueFromMemory(_one, [1, _one.Length]);
        using var result = OrtValue.CreateTensorValueFromMemory(output, [1, output.Length]);
        _session.Run(_runOptions, _inputNames, [input], _outputNames, [result]);
        return output;
    }

    [Benchmark(OperationsPerInvoke = 64)]
    public float[] Batch64PerImage() => _model.Run(_batch, 64);
}
