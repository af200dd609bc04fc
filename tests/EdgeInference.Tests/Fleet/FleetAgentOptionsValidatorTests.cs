namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>The retry pipelines' bounds are checked at start; a bad one fails the node naming the setting and its value.</summary>
public sealed class FleetAgentOptionsValidatorTests
{
    private static string StartFailure(params (string Key, string Value)[] settings)
    {
        using var factory = new EdgeFactory();
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        var error = Record.Exception(() => factory.Services);
        Assert.NotNull(error);
        return error.ToString();
    }

    [Fact]
    public void ReconnectMaxBelowMin_FailsStart_NamingBoth() =>
        Assert.Contains("Fleet:ReconnectMaxSeconds (2) must not be below Fleet:ReconnectMinSeconds (5).",
            StartFailure(("Fleet:ReconnectMinSeconds", "5"), ("Fleet:ReconnectMaxSeconds", "2")));

    [Theory]
    [InlineData("Fleet:ReconnectMinSeconds", "0", "Fleet:ReconnectMinSeconds must be between 1 and 300.")]
    [InlineData("Fleet:ReconnectMinSeconds", "301", "Fleet:ReconnectMinSeconds must be between 1 and 300.")]
    [InlineData("Fleet:ReconnectMaxSeconds", "0", "Fleet:ReconnectMaxSeconds must be between 1 and 3600.")]
    [InlineData("Fleet:ReconnectMaxSeconds", "3601", "Fleet:ReconnectMaxSeconds must be between 1 and 3600.")]
    public void OutOfRangeBackoff_FailsStart_NamingTheSetting(string key, string value, string expected) =>
        Assert.Contains(expected, StartFailure((key, value)));

    [Fact]
    public void BadGrpcAddress_FailsStart_NamingIt() =>
        Assert.Contains("Fleet:RegistryGrpcAddress 'registry:5000' is not an absolute http:// or https:// address.",
            StartFailure(("Fleet:RegistryGrpcAddress", "registry:5000")));
}
