using System.Runtime.InteropServices;
using HybridInference.Contracts.Statistics;

namespace HybridInference.Contracts.Tests.Statistics;

public sealed class PercentileTests
{
    private static readonly double[] Hundred = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.95, 95)]
    [InlineData(0.99, 99)]
    [InlineData(0.999, 100)]
    [InlineData(1, 100)]
    [InlineData(0.001, 1)]
    [InlineData(0.07, 7)]
    [InlineData(0.505, 51)]
    public void OfSorted_OneToHundred_IsTheValueAtRankCeilPN(double p, double expected) =>
        Assert.Equal(expected, Percentile.OfSorted(Hundred, p));

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.5)]
    [InlineData(1)]
    public void OfSorted_OneValue_IsThatValueForEveryP(double p) => Assert.Equal(7, Percentile.OfSorted([7.0], p));

    [Fact]
    public void OfSorted_TinyP_IsTheSmallestValue() =>
        Assert.Equal(3, Percentile.OfSorted([3.0, 4, 9], double.Epsilon));

    [Fact]
    public void OfSorted_PIsOne_IsTheLargestValue() => Assert.Equal(9, Percentile.OfSorted([3.0, 4, 9], 1));

    [Fact]
    public void OfSorted_TwentyValues_P95IsTheNineteenth()
    {
        double[] twenty = [.. Enumerable.Range(1, 20).Select(i => i * 10.0)];
        Assert.Equal(190, Percentile.OfSorted(twenty, 0.95));
    }

    [Fact]
    public void OfSorted_Ties_AnswerTheTiedValue()
    {
        double[] values = [1, 2, 2, 2, 2, 2, 2, 2, 2, 3];
        Assert.Equal(2, Percentile.OfSorted(values, 0.5));
        Assert.Equal(2, Percentile.OfSorted(values, 0.9));
        Assert.Equal(3, Percentile.OfSorted(values, 0.91));
        Assert.Equal(1, Percentile.OfSorted(values, 0.1));
        Assert.Equal(2, Percentile.OfSorted(values, 0.11));
    }

    [Fact]
    public void OfSorted_List_SameAsArray()
    {
        List<double> list = [.. Hundred];
        Assert.Equal(95, Percentile.OfSorted(CollectionsMarshal.AsSpan(list), 0.95));
        Assert.Equal(95, Percentile.OfSortedOrNull(CollectionsMarshal.AsSpan(list), 0.95));
    }

    [Fact]
    public void Of_UnsortedInput_IsSortedFirst_AndLeftAsItWas()
    {
        double[] values = [5, 1, 4, 2, 3];
        Assert.Equal(3, Percentile.Of(values, 0.5));
        Assert.Equal(5, Percentile.Of(values, 0.95));
        Assert.Equal(1, Percentile.Of(values, 0.2));
        Assert.Equal(2, Percentile.Of(values, 0.21));
        Assert.Equal([5.0, 1, 4, 2, 3], values);
    }

    [Fact]
    public void Of_UnsortedHundred_SameAsSorted()
    {
        var shuffled = Hundred.Reverse().ToList();
        Assert.Equal(Percentile.OfSorted(Hundred, 0.95), Percentile.Of(shuffled, 0.95));
        Assert.Equal(Percentile.OfSorted(Hundred, 0.99), Percentile.OfOrNull(shuffled, 0.99));
    }

    [Fact]
    public void Empty_OrNullIsNull_OtherwiseRefused()
    {
        Assert.Null(Percentile.OfSortedOrNull([], 0.95));
        Assert.Null(Percentile.OfSortedOrNull(CollectionsMarshal.AsSpan(new List<double>()), 0.95));
        Assert.Null(Percentile.OfOrNull([], 0.95));
        Assert.Throws<ArgumentException>(() => Percentile.OfSorted([], 0.95));
        Assert.Throws<ArgumentException>(() => Percentile.Of([], 0.95));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(1.0000001)]
    [InlineData(95)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void BadP_IsRefusedNamingIt(double p)
    {
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.OfSorted(Hundred, p)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.OfSortedOrNull([], p)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Of(Hundred, p)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Rank(10, p)).ParamName);
    }

    [Theory]
    [InlineData(1, 0.95, 1)]
    [InlineData(20, 0.95, 19)]
    [InlineData(21, 0.95, 20)]
    [InlineData(100, 0.07, 7)]
    [InlineData(1000, 0.95, 950)]
    [InlineData(1000, 0.9501, 951)]
    [InlineData(3, 1e-300, 1)]
    public void Rank_IsCeilPN(int count, double p, int expected) => Assert.Equal(expected, Percentile.Rank(count, p));

    [Fact]
    public void Rank_NoValues_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.Rank(0, 0.5));
}
