using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Router.Inference;

namespace HybridInference.Router.Tests.Inference;

public class RequestFlagsTests
{
    private static InferenceRequest Body(string parametersJson) => new()
    {
        Parameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(parametersJson),
    };

    [Theory]
    [InlineData("{\"priority\": true}", true)]
    [InlineData("{\"priority\": \"high\"}", true)]
    [InlineData("{\"priority\": \"HIGH\"}", true)]
    [InlineData("{\"priority\": false}", false)]
    [InlineData("{\"priority\": 1}", false)]
    [InlineData("{}", false)]
    public void Priority_FromParameter(string parameters, bool expected) =>
        Assert.Equal(expected, RequestFlags.Priority(Body(parameters)));

    [Fact]
    public void FromHeaders_ReadsEveryOption_AndBlankMeansAbsent()
    {
        var headers = new Dictionary<string, string?> { ["X-Priority"] = " high ", ["X-Private"] = "TRUE", ["X-Site"] = "site-2", ["X-Request-Id"] = "  " };

        var options = RequestFlags.FromHeaders(name => headers.GetValueOrDefault(name));

        Assert.Equal(new RequestOptions(true, true, "site-2", null), options);
    }

    [Theory]
    [InlineData("{\"label\": 3}", 1, new[] { 3 })]
    [InlineData("{\"labels\": \"3, 1,4\"}", 3, new[] { 3, 1, 4 })]
    [InlineData("{}", 2, new int[0])]
    public void Labels_Valid(string parameters, int rows, int[] expected)
    {
        var (labels, error) = RequestFlags.Labels(Body(parameters), rows);
        Assert.Null(error);
        Assert.Equal(expected.Select(l => (int?)l), labels);
    }

    [Theory]
    [InlineData("{\"label\": 3}", 2, "'label' is for a single image")]
    [InlineData("{\"label\": -1}", 1, "'label' must be a class number")]
    [InlineData("{\"label\": \"3\"}", 1, "'label' must be a class number")]
    [InlineData("{\"labels\": \"3,1\"}", 3, "'labels' must be 3")]
    [InlineData("{\"labels\": \"3,x,1\"}", 3, "'labels' must be 3")]
    [InlineData("{\"labels\": [3,1]}", 2, "'labels' must be 2")]
    public void Labels_Bad_NamesTheParameter(string parameters, int rows, string expected)
    {
        var (labels, error) = RequestFlags.Labels(Body(parameters), rows);
        Assert.Empty(labels);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_FromACallerWithoutLabelsWrite_AreNotBelieved_FromOneWithIt_Are()
    {
        var (labels, _) = RequestFlags.Labels(Body("{\"labels\": \"3,1,4\"}"), 3);

        Assert.Equal(new int?[] { null, null, null }, RequestFlags.Believed(labels, trusted: false));
        Assert.Equal(new int?[] { 3, 1, 4 }, RequestFlags.Believed(labels, trusted: true));
    }
}
