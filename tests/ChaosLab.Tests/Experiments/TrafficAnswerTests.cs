using System.Text.Json;
using HybridInference.ChaosLab.Experiments;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class TrafficAnswerTests
{
    [Fact]
    public void Read_RoutersAnswer_TakesTheTopClassAndWhereItCameFrom()
    {
        const string Body = """
            {"model_name":"fashion","id":"r-1-4","outputs":[{"name":"logits","shape":[1,3],"datatype":"FP32","data":[9,0,0]},
             {"name":"probabilities","shape":[1,3],"datatype":"FP32","data":[0.1,0.7,0.2]}],
             "parameters":{"tier":"cloud","escalation_reason":"low_confidence","edge_node":"edge-2","edge_model_version":"fashion-edge:2","confidence":0.7}}
            """;

        var sample = TrafficAnswer.Read(Body, "r-1-4", 100, 25, 1);

        Assert.Equal(new RequestSample("r-1-4", 100, 25, 200, 1, 1, "cloud", "low_confidence", "edge-2", EdgeModelVersion: "fashion-edge:2"), sample);
    }

    [Fact]
    public void Read_NoProbabilitiesOutput_PredictsNothing()
    {
        var sample = TrafficAnswer.Read("""{"model_name":"fashion","outputs":[{"name":"logits","shape":[1,2],"datatype":"FP32","data":[1,2]}]}""", "r-1-5", 0, 1, 0);

        Assert.Null(sample.Predicted);
        Assert.Null(sample.Tier);
        Assert.True(sample.Answered);
    }

    [Fact]
    public void Read_NotAnInferenceAnswer_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => TrafficAnswer.Read("""{"error":"down"}""", "r-1-6", 0, 1, 0));
    }
}
