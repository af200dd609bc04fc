using HybridInference.ChaosLab.Experiments;

namespace HybridInference.ChaosLab.Tests.Experiments;

/// <summary>The <c>actions</c> and <c>expect</c> sections of an experiment file, through the file validator.</summary>
public sealed class StepsValidatorTests
{
    private const string Base = """
        "name": "x1",
        "traffic": { "requestsPerSecond": 10, "durationSeconds": 20 },
        "steadyState": { "maxUnanswered": 0 },
        "faults": [ { "offsetSeconds": 2, "durationSeconds": 10, "fault": { "id": "hot", "kind": "device", "service": "edge-2", "device": { "temperatureRiseCelsius": 50 } } } ],
        "safety": { "maxErrorRate": 0.1 }
        """;

    [Fact]
    public void ActionsAndExpectations_AreRead_InOffsetOrder()
    {
        var json = "{" + Base + """
            ,"actions": [
              { "id": "update", "offsetSeconds": 8, "kind": "model-update", "model": "fashion-edge", "version": "latest" },
              { "id": "kill-edge-2", "offsetSeconds": 5, "kind": "kill", "resource": "edge-2" } ],
            "expect": [
              { "kind": "leaves-rotation", "node": "edge-2", "after": "kill-edge-2", "withinSeconds": 2 },
              { "kind": "rule-fires", "rule": "hot-gpu", "after": "hot", "withinSeconds": 1.5 } ]
            }
            """;

        Assert.True(ExperimentValidator.TryRead(json, "x1", out var experiment, out var errors), string.Join("; ", errors.SelectMany(e => e.Value)));

        Assert.Equal(
            [new Experiment.ScheduledAction("kill-edge-2", TimeSpan.FromSeconds(5), "kill", "edge-2", null, null),
             new Experiment.ScheduledAction("update", TimeSpan.FromSeconds(8), "model-update", null, "fashion-edge", "latest")],
            experiment!.Actions);
        Assert.Equal(
            [new Experiment.Expectation("leaves-rotation", "edge-2", null, "kill-edge-2", TimeSpan.FromSeconds(2)),
             new Experiment.Expectation("rule-fires", null, "hot-gpu", "hot", TimeSpan.FromSeconds(1.5))],
            experiment.Expectations);
        Assert.Equal("model-update fashion-edge to version latest", experiment.Actions[1].Describe());
    }

    [Fact]
    public void RolloutStart_AndItsExpectation_AreRead()
    {
        var json = "{" + Base + """
            ,"actions": [ { "id": "bad-model", "offsetSeconds": 3, "kind": "rollout-start", "model": "fashion-edge" } ],
            "expect": [ { "kind": "rollout-rolls-back", "after": "bad-model", "withinSeconds": 15 } ]
            }
            """;

        Assert.True(ExperimentValidator.TryRead(json, "x1", out var experiment, out var errors), string.Join("; ", errors.SelectMany(e => e.Value)));

        Assert.Equal([new Experiment.ScheduledAction("bad-model", TimeSpan.FromSeconds(3), "rollout-start", null, "fashion-edge", null)], experiment!.Actions);
        Assert.Equal([new Experiment.Expectation("rollout-rolls-back", null, null, "bad-model", TimeSpan.FromSeconds(15))], experiment.Expectations);
        Assert.Equal("rollout-start of a fashion-edge candidate", experiment.Actions[0].Describe());
    }

    [Theory]
    [InlineData("""{"id":"a","kind":"rollout-start"}""", "actions[0].model", "required for rollout-start")]
    [InlineData("""{"id":"a","kind":"rollout-start","model":"Fashion Edge"}""", "actions[0].model", "was 'Fashion Edge'")]
    [InlineData("""{"id":"a","kind":"rollout-start","model":"fashion-edge","version":"2"}""", "actions[0].version", "does not apply to rollout-start")]
    [InlineData("""{"id":"a","kind":"rollout-start","model":"fashion-edge","resource":"edge-1"}""", "actions[0].resource", "does not apply to rollout-start")]
    public void BadRolloutStart_IsNamedWithItsValue(string action, string field, string message) =>
        AssertError("{" + Base + ",\"actions\":[" + action + "]}", field, message);

    [Theory]
    [InlineData("""{"kind":"rollout-rolls-back","after":"hot","withinSeconds":10}""", "expect[0].after", "'hot' must be a rollout-start action's id")]
    [InlineData("""{"kind":"rollout-rolls-back","after":"kill-2","withinSeconds":10}""", "expect[0].after", "(rollout-start actions: start)")]
    [InlineData("""{"kind":"rollout-rolls-back","after":"start","node":"edge-1","withinSeconds":10}""", "expect[0].node", "does not apply to rollout-rolls-back")]
    [InlineData("""{"kind":"rollout-rolls-back","after":"start","rule":"hot-gpu","withinSeconds":10}""", "expect[0].rule", "does not apply to rollout-rolls-back")]
    [InlineData("""{"kind":"rollout-rolls-back","after":"nothing","withinSeconds":10}""", "expect[0].after", "'nothing' is no fault's or action's id")]
    [InlineData("""{"kind":"rollout-rolls-back","after":"start","withinSeconds":150}""", "expect[0].withinSeconds", "was 150")]
    public void BadRolloutExpectation_IsNamedWithItsValue(string expectation, string field, string message) =>
        AssertError("{" + Base + """
            ,"actions":[{"id":"start","offsetSeconds":1,"kind":"rollout-start","model":"fashion-edge"},{"id":"kill-2","offsetSeconds":1,"kind":"kill","resource":"edge-2"}]
            ,"expect":[
            """ + expectation + "]}", field, message);

    [Theory]
    [InlineData("""{"id":"a","kind":"reboot","resource":"edge-2"}""", "actions[0].kind", "was 'reboot'")]
    [InlineData("""{"kind":"kill","resource":"edge-2"}""", "actions[0].id", "required")]
    [InlineData("""{"id":"Kill Me","kind":"kill","resource":"edge-2"}""", "actions[0].id", "was 'Kill Me'")]
    [InlineData("""{"id":"hot","kind":"kill","resource":"edge-2"}""", "actions[0].id", "'hot' is used by another fault")]
    [InlineData("""{"id":"a","kind":"kill"}""", "actions[0].resource", "required for kill")]
    [InlineData("""{"id":"a","kind":"start","resource":"../x"}""", "actions[0].resource", "was '../x'")]
    [InlineData("""{"id":"a","kind":"kill","resource":"edge-2","model":"fashion-edge"}""", "actions[0].model", "does not apply to kill")]
    [InlineData("""{"id":"a","kind":"model-update","version":"2"}""", "actions[0].model", "required for model-update")]
    [InlineData("""{"id":"a","kind":"model-update","model":"fashion-edge","version":"newest"}""", "actions[0].version", "was 'newest'")]
    [InlineData("""{"id":"a","kind":"model-update","model":"fashion-edge","version":"0"}""", "actions[0].version", "was '0'")]
    [InlineData("""{"id":"a","kind":"model-update","model":"fashion-edge","version":"2","resource":"edge-1"}""", "actions[0].resource", "does not apply to model-update")]
    [InlineData("""{"id":"a","offsetSeconds":-1,"kind":"kill","resource":"edge-2"}""", "actions[0].offsetSeconds", "was -1")]
    [InlineData("""{"id":"a","offsetSeconds":20,"kind":"kill","resource":"edge-2"}""", "actions[0].offsetSeconds", "within the traffic's 20 s (was 20)")]
    public void BadAction_IsNamedWithItsValue(string action, string field, string message) =>
        AssertError("{" + Base + ",\"actions\":[" + action + "]}", field, message);

    [Theory]
    [InlineData("""{"kind":"melts","node":"edge-2","after":"hot","withinSeconds":2}""", "expect[0].kind", "was 'melts'")]
    [InlineData("""{"kind":"breaker-opens","after":"hot","withinSeconds":2}""", "expect[0].node", "required for breaker-opens")]
    [InlineData("""{"kind":"leaves-rotation","node":"edge-2","rule":"hot-gpu","after":"hot","withinSeconds":2}""", "expect[0].rule", "does not apply")]
    [InlineData("""{"kind":"rule-fires","after":"hot","withinSeconds":2}""", "expect[0].rule", "required for rule-fires")]
    [InlineData("""{"kind":"rule-fires","rule":"hot-gpu","node":"edge-2","after":"hot","withinSeconds":2}""", "expect[0].node", "does not apply to rule-fires")]
    [InlineData("""{"kind":"breaker-opens","node":"edge-2","withinSeconds":2}""", "expect[0].after", "required")]
    [InlineData("""{"kind":"breaker-opens","node":"edge-2","after":"cold","withinSeconds":2}""", "expect[0].after", "'cold' is no fault's or action's id in this experiment (known: hot)")]
    [InlineData("""{"kind":"breaker-opens","node":"edge-2","after":"hot"}""", "expect[0].withinSeconds", "was missing")]
    [InlineData("""{"kind":"breaker-opens","node":"edge-2","after":"hot","withinSeconds":0}""", "expect[0].withinSeconds", "was 0")]
    [InlineData("""{"kind":"breaker-opens","node":"edge-2","after":"hot","withinSeconds":121}""", "expect[0].withinSeconds", "was 121")]
    [InlineData("""{"kind":"breaker-opens","node":"edge-2","after":"hot","withinSeconds":2,"at":5}""", "expect[0].at", "")]
    public void BadExpectation_IsNamedWithItsValue(string expectation, string field, string message) =>
        AssertError("{" + Base + ",\"expect\":[" + expectation + "]}", field, message);

    private static void AssertError(string json, string field, string message)
    {
        Assert.False(ExperimentValidator.TryRead(json, "x1", out var experiment, out var errors));
        Assert.Null(experiment);
        Assert.True(errors.ContainsKey(field), $"no error for '{field}'; got {string.Join(", ", errors.Select(e => $"{e.Key}: {string.Join(" / ", e.Value)}"))}");
        Assert.Contains(errors[field], m => m.Contains(message, StringComparison.Ordinal));
    }
}
