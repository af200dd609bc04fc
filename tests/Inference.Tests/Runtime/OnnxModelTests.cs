using System.Text.Json;
using HybridInference.Inference.Runtime;

namespace HybridInference.Inference.Tests.Runtime;

public class OnnxModelTests
{
    [Fact]
    public void Load_EdgeModel_ReadsContractFromTheFile()
    {
        using var model = OnnxModel.Load(TestData.EdgeOnnx, intraOpThreads: 1, useCuda: false);

        Assert.Equal("input", model.Input.Name);
        Assert.Equal([-1L, 784L], model.Input.Shape);
        Assert.Equal("probabilities", model.Output.Name);
        Assert.Equal(784, model.Features);
        Assert.Equal(10, model.Classes);
        Assert.Equal("CPUExecutionProvider", model.ExecutionProvider);
    }

    [Fact]
    public void Run_WholeTestSplit_ReproducesTheModelCardAccuracy()
    {
        using var model = OnnxModel.Load(TestData.EdgeOnnx, 1, false);
        var images = TestData.Images;

        var output = model.Run(images.Pixels, images.Count);

        var correct = Enumerable.Range(0, images.Count).Count(i => ArgMax(output.AsSpan(i * 10, 10)) == images.Labels[i]);
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(TestData.EdgeOnnx)!, "model-card.json")));
        var expected = card.RootElement.GetProperty("evaluation").GetProperty("testAccuracy").GetDouble();
        Assert.Equal(expected, correct / (double)images.Count, precision: 3);
    }

    [Fact]
    public void Run_Batch_EqualsRowByRow()
    {
        using var model = OnnxModel.Load(TestData.CloudOnnx, 1, false);
        var batch = TestData.Batch(5);

        var together = model.Run(batch, 5);

        for (var r = 0; r < 5; r++)
        {
            var alone = model.Run(batch.AsSpan(r * 784, 784).ToArray(), 1);
            for (var c = 0; c < 10; c++)
            {
                Assert.Equal(alone[c], together[(r * 10) + c], 5);
            }
        }
    }

    [Fact]
    public async Task Run_SingleRows_FromManyThreadsAtOnce_EachGetsItsOwnAnswer()
    {
        // Single rows run on reused bound buffers: concurrent runs must never see each other's input or output.
        using var model = OnnxModel.Load(TestData.EdgeOnnx, 1, false);
        var batch = TestData.Batch(16);
        var expected = model.Run(batch, 16);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 400; i++)
            {
                var r = (worker + i) % 16;
                var answer = model.Run(batch.AsSpan(r * 784, 784).ToArray(), 1);
                for (var c = 0; c < 10; c++)
                {
                    Assert.Equal(expected[(r * 10) + c], answer[c], 5);
                }
            }
        })));
    }

    [Fact]
    public void Run_SingleRow_ReturnsAnArrayOfItsOwn()
    {
        using var model = OnnxModel.Load(TestData.EdgeOnnx, 1, false);
        var batch = TestData.Batch(2);

        var first = model.Run(batch.AsSpan(0, 784).ToArray(), 1);
        var copy = first.ToArray();
        model.Run(batch.AsSpan(784, 784).ToArray(), 1);

        Assert.Equal(copy, first);
    }

    [Fact]
    public void Run_WrongInputLength_IsRefusedBeforeOnnxRuntime()
    {
        using var model = OnnxModel.Load(TestData.EdgeOnnx, 1, false);

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Run(new float[783], 1));
    }

    [Fact]
    public void Load_CudaRequestedWithoutProvider_FallsBackToCpuAndSaysWhy()
    {
        string? reason = null;

        using var model = OnnxModel.Load(TestData.EdgeOnnx, 1, useCuda: true, r => reason = r);

        // The CPU package has no CUDA provider; where a GPU package is installed this runs on CUDA.
        Assert.True(model.ExecutionProvider == "CUDAExecutionProvider" || reason is not null);
        Assert.Single(model.Run(new float[784], 1).Chunk(10));
    }

    [Fact]
    public void Load_NotAnOnnxFile_Throws()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "not a model");
        try
        {
            Assert.ThrowsAny<Exception>(() => OnnxModel.Load(path, 1, false));
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }
}
