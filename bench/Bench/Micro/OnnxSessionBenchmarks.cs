using BenchmarkDotNet.Attributes;
using HybridInference.Bench.Payloads;
using HybridInference.Inference.Runtime;

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

    [Params("fashion-edge", "fashion-cloud")]
    public string Model { get; set; } = "fashion-edge";

    [GlobalSetup]
    public void Setup()
    {
        _model = OnnxModel.Load(Path.Combine(RepositoryPaths.Models, Model, "1", "model.onnx"), intraOpThreads: 1, useCuda: false);
        var images = TestImages.Load();
        _one = images.Pixels(0, 1);
        _batch = images.Pixels(0, 64);
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Baseline = true)]
    public float[] Batch1() => _model.Run(_one, 1);

    [Benchmark(OperationsPerInvoke = 64)]
    public float[] Batch64PerImage() => _model.Run(_batch, 64);
}
