using HybridInference.Contracts.Oip;
using HybridInference.Router.Inference;

namespace HybridInference.Router.Tests.Inference;

public class RequestSlicerTests
{
    private static InferenceRequest Batch(TensorData data) => new()
    {
        Id = "r",
        Inputs = [new RequestInput { Name = "input", Datatype = "FP32", Shape = [3, 2], Data = data }],
    };

    [Fact]
    public void Rows_PicksTheRowsInOrder_WithTheBatchDimensionChanged()
    {
        var sliced = RequestSlicer.Rows(Batch(TensorData.FromNumbers([0, 1, 10, 11, 20, 21])), 3, [2, 0]);

        Assert.Equal([2L, 2L], sliced.Inputs![0].Shape);
        Assert.Equal([20.0, 21, 0, 1], sliced.Inputs[0].Data!.Numbers!);
        Assert.Equal("r", sliced.Id);
    }

    [Fact]
    public void Rows_Singles_AreSlicedToo()
    {
        var sliced = RequestSlicer.Rows(Batch(TensorData.FromSingles([0, 1, 10, 11, 20, 21])), 3, [1]);

        Assert.Equal([10f, 11f], sliced.Inputs![0].Data!.Singles!);
    }

    [Fact]
    public void Rows_EveryRow_ReturnsTheRequestItself()
    {
        var request = Batch(TensorData.FromNumbers([0, 1, 10, 11, 20, 21]));
        Assert.Same(request, RequestSlicer.Rows(request, 3, [0, 1, 2]));
    }

    [Fact]
    public void Rows_NonNumericData_IsRefused()
    {
        var request = Batch(TensorData.FromStrings(["a", "b", "c", "d", "e", "f"]));
        Assert.Throws<ArgumentException>(() => RequestSlicer.Rows(request, 3, [1]));
    }
}
