using System.Text.Json.Nodes;
using HybridInference.ChaosLab.Experiments;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class YamlExperimentTests
{
    [Fact]
    public void AYamlExperiment_IsTheSameDocumentAsItsJson_AndValidatesTheSame()
    {
        const string yaml = """
            # experiment 8 in YAML
            name: x1
            traffic: { requestsPerSecond: 12, durationSeconds: 20.5, priority: false }
            steadyState:
              maxUnanswered: 0
              allRecorded: true
            faults:
              - offsetSeconds: 3
                durationSeconds: 10
                fault: { id: errs, kind: endpoint-error, service: edge-1, statusCode: 503, rate: 0.2 }
            actions:
              - { id: upd, offsetSeconds: 5, kind: model-update, model: fashion-edge, version: "2" }
            expect:
              - kind: breaker-opens
                node: edge-1
                after: errs
                withinSeconds: 10
            safety: { maxErrorRate: 0.2 }
            """;

        Assert.True(YamlExperiment.TryConvert(yaml, out var json, out var problem), problem);
        var node = JsonNode.Parse(json)!;
        Assert.Equal(12, node["traffic"]!["requestsPerSecond"]!.GetValue<long>());
        Assert.Equal(20.5, node["traffic"]!["durationSeconds"]!.GetValue<double>());
        Assert.False(node["traffic"]!["priority"]!.GetValue<bool>());
        // Quoted: the text the file means, not the number.
        Assert.Equal("2", node["actions"]![0]!["version"]!.GetValue<string>());

        Assert.True(ExperimentValidator.TryRead(json, "x1", out var experiment, out var errors), string.Join("; ", errors.SelectMany(e => e.Value)));
        Assert.Equal(0.2, experiment!.Faults[0].Fault.Rate);
        Assert.Equal("2", experiment.Actions[0].Version);
        Assert.Equal(TimeSpan.FromSeconds(10), experiment.Expectations[0].Within);
    }

    [Fact]
    public void TextWhereANumberBelongs_IsNamedByTheValidator()
    {
        Assert.True(YamlExperiment.TryConvert("name: x1\ntraffic: { requestsPerSecond: fast, durationSeconds: 5 }\n", out var json, out _));

        Assert.False(ExperimentValidator.TryRead(json, "x1", out _, out var errors));
        Assert.Contains("traffic.requestsPerSecond", errors.Keys);
    }

    [Theory]
    [InlineData("name: x1\ntraffic: [unclosed\n", "the file is not valid YAML")]
    [InlineData("name: x1\n---\nname: x2\n", "one YAML document (found 2)")]
    public void UnreadableYaml_SaysWhy(string yaml, string message)
    {
        Assert.False(YamlExperiment.TryConvert(yaml, out _, out var problem));
        Assert.Contains(message, problem, StringComparison.Ordinal);
    }
}
