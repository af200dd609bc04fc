using HybridInference.Contracts.Oip;
using HybridInference.Contracts.Validation;

namespace HybridInference.Contracts.Tests.Validation;

public class TensorValidatorTests
{
    private static readonly TensorMetadata Image = new("input", Datatypes.Fp32, [-1, 784]);

    [Theory]
    [InlineData(null, "FP32", "an input has no 'name'")]
    [InlineData("input", null, "input 'input' has no 'datatype'")]
    [InlineData("input", "FLOAT32", "unknown datatype 'FLOAT32'")]
    [InlineData("input", "fp32", "unknown datatype 'fp32'")]
    public void ValidateStructure_MissingOrUnknownFields_NamesThem(string? name, string? datatype, string expected)
    {
        Assert.Contains(expected, TensorValidator.ValidateStructure(name, datatype, [1, 784], 784));
    }

    [Fact]
    public void ValidateStructure_NoShape_IsRefused() =>
        Assert.Equal("input 'input' has no 'shape'", TensorValidator.ValidateStructure("input", "FP32", [], 784));

    [Fact]
    public void ValidateStructure_NegativeDimension_NamesIt() =>
        Assert.Equal("input 'input' has negative dimension -1 in shape [-1, 784]", TensorValidator.ValidateStructure("input", "FP32", [-1, 784], 784));

    [Fact]
    public void ValidateStructure_HugeDimensions_DoNotOverflow() =>
        Assert.Contains("describes more than", TensorValidator.ValidateStructure("input", "FP32", [1L << 40, 1L << 40], 784));

    [Fact]
    public void ValidateStructure_CountMismatch_GivesBothNumbers() =>
        Assert.Equal("input 'input' has 783 data elements but shape [1, 784] needs 784", TensorValidator.ValidateStructure("input", "FP32", [1, 784], 783));

    [Fact]
    public void ValidateStructure_Consistent_IsNull() =>
        Assert.Null(TensorValidator.ValidateStructure("input", "FP32", [2, 784], 1568));

    [Fact]
    public void ValidateAgainst_WrongDatatype_NamesExpected() =>
        Assert.Equal("input 'input' has datatype FP64 but model 'm' expects FP32", TensorValidator.ValidateAgainst("m", "FP64", [1, 784], Image, 8));

    [Fact]
    public void ValidateAgainst_WrongRank_ShowsModelShape() =>
        Assert.Contains("expects [-1, 784] (rank 2)", TensorValidator.ValidateAgainst("m", "FP32", [1, 28, 28], Image, 8));

    [Fact]
    public void ValidateAgainst_WrongFeatureDimension_NamesDimension() =>
        Assert.Contains("dimension 1 must be 784", TensorValidator.ValidateAgainst("m", "FP32", [1, 783], Image, 8));

    [Fact]
    public void ValidateAgainst_EmptyBatch_IsRefused() =>
        Assert.Contains("empty batch", TensorValidator.ValidateAgainst("m", "FP32", [0, 784], Image, 8));

    [Fact]
    public void ValidateAgainst_OverMaxBatch_GivesLimit() =>
        Assert.Equal("input 'input' has a batch of 9 but model 'm' takes at most 8 per request", TensorValidator.ValidateAgainst("m", "FP32", [9, 784], Image, 8));

    [Fact]
    public void ValidateAgainst_BatchAtLimit_IsAccepted() =>
        Assert.Null(TensorValidator.ValidateAgainst("m", "FP32", [8, 784], Image, 8));

    [Theory]
    [InlineData(float.NaN, "element 1 is NaN")]
    [InlineData(float.PositiveInfinity, "element 1 is Infinity")]
    [InlineData(float.NegativeInfinity, "element 1 is -Infinity")]
    [InlineData(1.5f, "element 1 is 1.5, outside the model's range [0, 1]")]
    [InlineData(-0.01f, "element 1 is -0.01, outside")]
    public void ValidateRange_BadValue_NamesElementAndRange(float bad, string expected)
    {
        Assert.Contains(expected, TensorValidator.ValidateRange("input", [0.5f, bad, 0.2f], 0, 1));
    }

    [Fact]
    public void ValidateRange_Doubles_CatchValuesBeyondFloatRange() =>
        Assert.Contains("element 0 is 1E+300, outside", TensorValidator.ValidateRange("input", [1e300], 0, 1));

    [Fact]
    public void ValidateRange_Bounds_AreInclusive() =>
        Assert.Null(TensorValidator.ValidateRange("input", [0f, 1f], 0, 1));

    /// <summary>Image-sized inputs go through the vector check: a bad value anywhere (first, in a vector, in the tail) is still found and named.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(780)]
    [InlineData(783)]
    public void ValidateRange_784Values_FindsTheOneBadValue_WhereverItIs(int at)
    {
        var floats = Enumerable.Range(0, 784).Select(i => (i % 256) / 255f).ToArray();
        var doubles = floats.Select(v => (double)v).ToArray();
        Assert.Null(TensorValidator.ValidateRange("input", floats, 0, 1));
        Assert.Null(TensorValidator.ValidateRange("input", doubles, 0, 1));

        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, -0.5f, 1.5f })
        {
            floats[at] = bad;
            doubles[at] = bad;
            Assert.Contains($"element {at} is ", TensorValidator.ValidateRange("input", floats, 0, 1));
            Assert.Contains($"element {at} is ", TensorValidator.ValidateRange("input", doubles, 0, 1));
        }
    }

    [Fact]
    public void ValidateRange_UnboundedRange_StillRefusesNaNAndInfinity()
    {
        float[] values = [.. Enumerable.Repeat(0.5f, 100)];
        values[42] = float.NaN;
        Assert.Contains("element 42 is NaN", TensorValidator.ValidateRange("input", values, float.NegativeInfinity, float.PositiveInfinity));
        values[42] = float.PositiveInfinity;
        Assert.Contains("element 42 is Infinity", TensorValidator.ValidateRange("input", values, float.NegativeInfinity, float.PositiveInfinity));
        values[42] = 1e30f;
        Assert.Null(TensorValidator.ValidateRange("input", values, float.NegativeInfinity, float.PositiveInfinity));
    }
}
