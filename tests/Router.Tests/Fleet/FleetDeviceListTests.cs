using System.Text.Json;
using HybridInference.Contracts.Fleet;
using HybridInference.Router.Fleet;

namespace HybridInference.Router.Tests.Fleet;

/// <summary>The registry's device list as the router reads it: the registry's JSON shape, bad entries and bad rules.</summary>
public class FleetDeviceListTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset ReadAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FleetSnapshot Parse(string json) =>
        FleetDeviceList.Parse(JsonSerializer.Deserialize<List<DeviceView?>>(json, Json)!, ReadAt);

    /// <summary>A device exactly as the registry's <c>GET /api/fleet/devices</c> writes it (DeviceView, web JSON).</summary>
    private const string RegistryShape = """
        [{"id":"edge-1","site":"site-a","group":"default","hardware":"sim-gpu","softwareVersion":"1.0.0","state":"offline","health":"offline",
          "lastSeen":"2026-01-01T00:00:00+00:00","registeredAt":"2026-01-01T00:00:00+00:00",
          "running":{"name":"fashion-edge","version":1,"digest":"sha256:ab"},
          "desired":{"generation":7,"model":{"name":"fashion-edge","version":1,"digest":"sha256:ab"},"sizeBytes":10,"requestedAlias":null,
                     "rules":[{"name":"hot-gpu","expression":"gpu_temperature_c > 85 -> cloud"}],"setAt":"2026-01-01T00:00:00+00:00","setBy":"a","reason":null},
          "converged":true,"lastReport":null,"telemetry":null},
         {"id":"edge-2","site":"site-b","state":"online","health":"healthy","desired":null}]
        """;

    [Fact]
    public void RegistryShape_GivesStateAndParsedRules()
    {
        var snapshot = Parse(RegistryShape);

        Assert.Equal(ReadAt, snapshot.ReadAt);
        var one = snapshot.Find("edge-1")!;
        Assert.True(one.IsOffline);
        Assert.Equal(7, one.DesiredGeneration);
        Assert.Equal("hot-gpu", Assert.Single(one.Rules).Name);
        var two = snapshot.Find("edge-2")!;
        Assert.False(two.IsOffline);
        Assert.Empty(two.Rules);
        Assert.Null(snapshot.Find("edge-3"));
    }

    [Theory]
    [InlineData("""{"name":"typo","expression":"gpu_temp > 85 -> cloud"}""", "unknown field 'gpu_temp' at position 1")]
    [InlineData("""{"name":"bad-op","expression":"link_down > 0 -> edge-only"}""", "does not apply to the boolean field 'link_down'")]
    [InlineData("""{"name":"no-action","expression":"gpu_temperature_c > 85 -> edge"}""", "unknown action 'edge'")]
    [InlineData("""{"name":"Hot GPU","expression":"gpu_temperature_c > 85 -> cloud"}""", "the name must be lower-case letters, digits and '-'")]
    [InlineData("""{"name":null,"expression":"gpu_temperature_c > 85 -> cloud"}""", "the name must be lower-case")]
    [InlineData("""{"name":"empty","expression":""}""", "the expression is empty")]
    [InlineData("""{"name":"empty"}""", "the expression is empty")]
    [InlineData("null", "rules[1] is null")]
    [InlineData("""{"name":"ok","expression":"p95_latency_ms > 1 -> cloud"}""", "the name is used by an earlier rule")]
    public void BadRule_IsSkippedWithTheReason_AndTheGoodOneKept(string badRule, string reason)
    {
        var snapshot = Parse("""[{"id":"edge-1","state":"online","desired":{"generation":1,"rules":[{"name":"ok","expression":"gpu_temperature_c > 85 -> cloud"},"""
            + badRule + "]}}]");

        var device = snapshot.Find("edge-1")!;
        Assert.Equal("ok", Assert.Single(device.Rules).Name);
        Assert.Contains(reason, Assert.Single(device.RejectedRules), StringComparison.Ordinal);
    }

    [Fact]
    public void EntriesWithoutId_AreSkipped_AndARepeatedIdKeepsItsFirstEntry()
    {
        var snapshot = Parse("""[null,{"state":"offline"},{"id":"","state":"offline"},{"id":"edge-1","state":"online"},{"id":"edge-1","state":"offline"}]""");

        Assert.False(Assert.Single(snapshot.Devices).Value.IsOffline);
    }

    [Theory]
    [InlineData("""{"id":"edge-1"}""")]
    [InlineData("""{"id":"edge-1","state":"rebooting"}""")]
    public void UnknownOrMissingState_IsNotOffline(string device)
    {
        var snapshot = Parse($"[{device}]");

        Assert.False(snapshot.Find("edge-1")!.IsOffline);
    }
}
