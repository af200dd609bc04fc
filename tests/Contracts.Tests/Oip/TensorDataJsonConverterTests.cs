using System.Text.Json;
using HybridInference.Contracts.Oip;

namespace HybridInference.Contracts.Tests.Oip;

public class TensorDataJsonConverterTests
{
    private static RequestInput ReadInput(string dataJson) =>
        JsonSerializer.Deserialize($$"""{"name":"input","shape":[2,2],"datatype":"FP32","data":{{dataJson}}}""", OipJsonContext.Default.RequestInput)!;

    [Fact]
    public void Read_FlatNumbers_KeepsOrderAndCount()
    {
        var data = ReadInput("[0.5, 1, 0, 0.25]").Data!;

        Assert.Null(data.Problem);
        Assert.Equal([0.5, 1, 0, 0.25], data.Numbers!);
        Assert.Equal(4, data.Count);
    }

    [Fact]
    public void Read_NestedRows_FlattensRowMajor()
    {
        var data = ReadInput("[[0.1, 0.2], [0.3, 0.4]]").Data!;

        Assert.Equal([0.1, 0.2, 0.3, 0.4], data.Numbers!);
    }

    [Fact]
    public void Read_NamedNonFiniteLiterals_BecomeNumbers()
    {
        var data = ReadInput("""["NaN", "Infinity", "-Infinity", 1]""").Data!;

        Assert.Null(data.Problem);
        Assert.True(double.IsNaN(data.Numbers![0]));
        Assert.True(double.IsPositiveInfinity(data.Numbers[1]));
        Assert.True(double.IsNegativeInfinity(data.Numbers[2]));
    }

    [Theory]
    [InlineData("[1, null, 3]", "data element 1 is null")]
    [InlineData("""[1, {"a": 2}]""", "data element 1 is an object")]
    [InlineData("""[1, "abc"]""", "mixes numbers and strings")]
    [InlineData("[1, true]", "mixes booleans")]
    [InlineData("5", "data must be an array, not a number")]
    [InlineData("\"pixels\"", "data must be an array, not a string")]
    public void Read_UnusableContent_RecordsProblemInsteadOfThrowing(string dataJson, string expected)
    {
        var input = ReadInput(dataJson);

        Assert.Contains(expected, input.Data!.Problem);
        Assert.Equal("FP32", input.Datatype);
    }

    [Fact]
    public void Read_DeepNesting_IsAProblemNotAStackOverflow()
    {
        var json = new string('[', 40) + "1" + new string(']', 40);

        Assert.Contains("nested deeper", ReadInput(json).Data!.Problem);
    }

    [Fact]
    public void Read_BrokenSyntax_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => ReadInput("[1, 2"));
    }

    [Fact]
    public void Read_StringsAndBooleans_KeepTheirKind()
    {
        Assert.Equal(["a", "b"], ReadInput("""["a", "b"]""").Data!.Strings!);
        Assert.Equal([true, false], ReadInput("[true, false]").Data!.Booleans!);
    }

    [Fact]
    public void Write_Singles_UsesShortestFloatSpelling()
    {
        var output = new ResponseOutput { Name = "p", Datatype = "FP32", Shape = [2], Data = TensorData.FromSingles([0.1f, 1f]) };

        var json = JsonSerializer.Serialize(output, OipJsonContext.Default.ResponseOutput);

        Assert.Contains("\"data\":[0.1,1]", json);
    }

    [Fact]
    public void Write_ThenRead_RoundTripsIntegers()
    {
        var output = new ResponseOutput { Name = "c", Datatype = "INT64", Shape = [3], Data = TensorData.FromInt64s([3, 0, 9]) };

        var json = JsonSerializer.Serialize(output, OipJsonContext.Default.ResponseOutput);
        using var doc = JsonDocument.Parse(json);

        Assert.Equal([3, 0, 9], doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetInt64()));
    }
}
