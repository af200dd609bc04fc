using System.Text.Json;
using HybridInference.ChaosLab.Experiments;
using HybridInference.Contracts.Oip;
using HybridInference.Training.Data;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class TrafficRequestTests
{
    private static readonly ImageSet Images = new([0.0f, 0.25f, 0.5f, 1.0f, 0.125f, 0.75f], [7, 2], 1, 3);

    [Fact]
    public void Write_OneImage_IsAnOipRequestTheRouterParses_WithTheLabelAsAParameter()
    {
        var body = TrafficRequest.Write("r-1-0", Images, 1, 2, priority: false);

        var request = InferenceRequestParser.Parse(body)!;
        var input = Assert.Single(request.Inputs!);
        Assert.Equal("r-1-0", request.Id);
        Assert.Equal(("input", "FP32"), (input.Name, input.Datatype));
        Assert.Equal([1L, 3L], input.Shape);
        Assert.Equal([1.0, 0.125, 0.75], input.Data!.Numbers!);
        Assert.Equal("2", request.Parameters!["labels"].GetString());
        Assert.False(request.Parameters.ContainsKey("priority"));
    }

    [Fact]
    public void Write_Priority_AddsTheFlag()
    {
        using var body = JsonDocument.Parse(TrafficRequest.Write("r-1-1", Images, 0, 7, priority: true));

        Assert.True(body.RootElement.GetProperty("parameters").GetProperty("priority").GetBoolean());
        Assert.Equal("7", body.RootElement.GetProperty("parameters").GetProperty("labels").GetString());
    }
}
