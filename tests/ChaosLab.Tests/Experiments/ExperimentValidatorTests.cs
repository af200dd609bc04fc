using HybridInference.ChaosLab.Experiments;

namespace HybridInference.ChaosLab.Tests.Experiments;

public sealed class ExperimentValidatorTests
{
    private const string Valid = """
        {
          "name": "x1",
          "traffic": { "requestsPerSecond": 10, "durationSeconds": 20 },
          "steadyState": { "maxUnanswered": 0, "p99Ms": 500, "allRecorded": true, "accuracy": { "baseline": 0.9, "maxDropPoints": 2 } },
          "faults": [ { "offsetSeconds": 2, "durationSeconds": 10, "fault": { "kind": "link-latency", "service": "router", "destination": "cloud-inference", "latencyMs": 300 } } ],
          "safety": { "maxErrorRate": 0.1 }
        }
        """;

    [Fact]
    public void ValidFile_GivesThePlanWithDefaults()
    {
        Assert.True(ExperimentValidator.TryRead(Valid, "x1", out var experiment, out var errors), string.Join("; ", errors.SelectMany(e => e.Value)));

        Assert.Equal(200, experiment!.Traffic.Requests);
        Assert.Equal(4, experiment.Traffic.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(10), experiment.Traffic.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), experiment.Checks.RecordsWait);
        Assert.Equal(new Experiment.AccuracyCheck(0.9, 2), experiment.Checks.Accuracy);
        var fault = Assert.Single(experiment.Faults);
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 300), (fault.Offset, fault.Duration, fault.Fault.LatencyMs!.Value));
        Assert.Equal(new Experiment.SafetyLimit(0.1, 20, TimeSpan.FromSeconds(5)), experiment.Safety);
    }

    [Fact]
    public void CommittedExperiments_AreAllValid()
    {
        var files = Directory.GetFiles(HybridInference.TestSupport.RepositoryRoot.Combine("experiments"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var ok = ExperimentValidator.TryRead(File.ReadAllText(file), Path.GetFileNameWithoutExtension(file), out _, out var errors);
            Assert.True(ok, $"{file}: {string.Join("; ", errors.SelectMany(e => e.Value))}");
        }
    }

    [Theory]
    [InlineData("""{"name":"other"}""", "name", "file's name 'x1'")]
    [InlineData("""{"name":"Bad Name"}""", "name", "Bad Name")]
    [InlineData("""{"traffic":null}""", "traffic", "required")]
    [InlineData("""{"traffic":{"requestsPerSecond":0,"durationSeconds":20}}""", "traffic.requestsPerSecond", "was 0")]
    [InlineData("""{"traffic":{"requestsPerSecond":501,"durationSeconds":20}}""", "traffic.requestsPerSecond", "was 501")]
    [InlineData("""{"traffic":{"durationSeconds":20}}""", "traffic.requestsPerSecond", "required")]
    [InlineData("""{"traffic":{"requestsPerSecond":10,"durationSeconds":0.5}}""", "traffic.durationSeconds", "was 0.5")]
    [InlineData("""{"traffic":{"requestsPerSecond":10,"durationSeconds":20,"concurrency":0}}""", "traffic.concurrency", "was 0")]
    [InlineData("""{"traffic":{"requestsPerSecond":10,"durationSeconds":20,"firstImage":10000}}""", "traffic.firstImage", "was 10000")]
    [InlineData("""{"traffic":{"requestsPerSecond":10,"durationSeconds":20,"timeoutMs":50}}""", "traffic.timeoutMs", "was 50")]
    [InlineData("""{"steadyState":null}""", "steadyState", "required")]
    [InlineData("""{"steadyState":{}}""", "steadyState.", "at least one check")]
    [InlineData("""{"steadyState":{"maxUnanswered":-1}}""", "steadyState.maxUnanswered", "was -1")]
    [InlineData("""{"steadyState":{"p99Ms":0}}""", "steadyState.p99Ms", "was 0")]
    [InlineData("""{"steadyState":{"maxUnanswered":0,"recordsWaitSeconds":500}}""", "steadyState.recordsWaitSeconds", "was 500")]
    [InlineData("""{"steadyState":{"accuracy":{"maxDropPoints":2}}}""", "steadyState.accuracy.baseline", "missing")]
    [InlineData("""{"steadyState":{"accuracy":{"baseline":90,"maxDropPoints":2}}}""", "steadyState.accuracy.baseline", "was 90")]
    [InlineData("""{"steadyState":{"accuracy":{"baseline":0.9}}}""", "steadyState.accuracy.maxDropPoints", "missing")]
    [InlineData("""{"faults":[{"durationSeconds":5,"fault":{"kind":"link-latency","service":"router","destination":"cloud-inference","latencyMs":0}}]}""", "faults[0].fault.latencyMs", "was 0")]
    [InlineData("""{"faults":[{"durationSeconds":5,"fault":{"kind":"link-lag","service":"router"}}]}""", "faults[0].fault.kind", "link-lag")]
    [InlineData("""{"faults":[{"durationSeconds":5,"fault":{"kind":"store-outage","service":"router","durationSeconds":5}}]}""", "faults[0].fault.durationSeconds", "set by the schedule")]
    [InlineData("""{"faults":[{"offsetSeconds":5,"fault":{"kind":"store-outage","service":"router"}}]}""", "faults[0].durationSeconds", "end by itself")]
    [InlineData("""{"faults":[{"offsetSeconds":15,"durationSeconds":10,"fault":{"kind":"store-outage","service":"router"}}]}""", "faults[0].durationSeconds", "after the traffic's 20 s")]
    [InlineData("""{"faults":[{"offsetSeconds":-1,"durationSeconds":5,"fault":{"kind":"store-outage","service":"router"}}]}""", "faults[0].offsetSeconds", "was -1")]
    [InlineData("""{"faults":[{"durationSeconds":5}]}""", "faults[0].fault", "required")]
    [InlineData("""{"faults":[{"durationSeconds":5,"fault":{"id":"a","kind":"store-outage","service":"router"}},{"durationSeconds":5,"fault":{"id":"a","kind":"store-outage","service":"edge-1"}}]}""", "faults[1].fault.id", "'a'")]
    [InlineData("""{"safety":null}""", "safety", "required")]
    [InlineData("""{"safety":{"minRequests":5}}""", "safety.maxErrorRate", "required")]
    [InlineData("""{"safety":{"maxErrorRate":1.5}}""", "safety.maxErrorRate", "was 1.5")]
    [InlineData("""{"safety":{"maxErrorRate":0.1,"windowSeconds":0}}""", "safety.windowSeconds", "was 0")]
    public void BadField_IsNamedWithItsValue(string patch, string field, string message)
    {
        var ok = ExperimentValidator.TryRead(Patch(patch), "x1", out var experiment, out var errors);

        Assert.False(ok);
        Assert.Null(experiment);
        Assert.True(errors.ContainsKey(field), $"no error for '{field}'; got {string.Join(", ", errors.Keys)}");
        Assert.Contains(errors[field], m => m.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name":"x1","trafic":{}}""", "trafic")]
    [InlineData("""{"name":"x1","traffic":{"requestsPerSecond":"fast"}}""", "traffic.requestsPerSecond")]
    [InlineData("not json", "file")]
    [InlineData("null", "file")]
    public void UnreadableFile_NamesTheField(string json, string field)
    {
        Assert.False(ExperimentValidator.TryRead(json, "x1", out _, out var errors));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void EveryMistake_IsReportedAtOnce()
    {
        Assert.False(ExperimentValidator.TryRead("""{"name":"x1","traffic":{"requestsPerSecond":-1,"durationSeconds":0},"steadyState":{"p99Ms":-5}}""", "x1", out _, out var errors));

        Assert.Equal(
            ["safety", "steadyState.p99Ms", "traffic.durationSeconds", "traffic.requestsPerSecond"],
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The valid file with the top-level fields of <paramref name="patch"/> replacing its own.</summary>
    private static string Patch(string patch)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(patch)!.AsObject())
        {
            node[key] = value?.DeepClone();
        }

        return node.ToJsonString();
    }
}
