using HybridInference.Router.Routing;

namespace HybridInference.Router.Tests.Routing;

public class RoutingOptionsValidatorTests
{
    private readonly RoutingOptionsValidator _validator = new();

    [Fact]
    public void Validate_GoodOptions_Succeeds()
    {
        var options = RoutingTestOptions.Create(rules: [("hot-gpu", "gpu_temperature_c > 85 -> cloud"), ("link-down", "link_down == true -> edge-only")]);

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_NoModels_FailsNamingTheSection()
    {
        var result = _validator.Validate(null, new RoutingOptions());

        Assert.Contains("Routing:Models must configure at least one model", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 0.001, 10, "Routing:Models:fashion:Threshold is required")]
    [InlineData(1.5, 0.001, 10, "Routing:Models:fashion:Threshold must be in [0,1] (was 1.5)")]
    [InlineData(-0.1, 0.001, 10, "Routing:Models:fashion:Threshold must be in [0,1] (was -0.1)")]
    [InlineData(double.NaN, 0.001, 10, "Routing:Models:fashion:Threshold must be in [0,1] (was NaN)")]
    [InlineData(0.8, 2.0, 10, "Routing:Models:fashion:AuditRate must be in [0,1] (was 2)")]
    [InlineData(0.8, -0.5, 10, "Routing:Models:fashion:AuditRate must be in [0,1] (was -0.5)")]
    [InlineData(0.8, 0.001, 0, "Routing:Models:fashion:MaxEscalationsPerSecondPerSite must be a number above 0 (was 0)")]
    [InlineData(0.8, 0.001, double.PositiveInfinity, "Routing:Models:fashion:MaxEscalationsPerSecondPerSite must be a number above 0 (was Infinity)")]
    public void Validate_BadModelSetting_FailsNamingTheKey(double? threshold, double auditRate, double maxPerSecond, string message)
    {
        var options = new RoutingOptions
        {
            Models = { ["fashion"] = new ModelRoutingOptions { Threshold = threshold, AuditRate = auditRate, MaxEscalationsPerSecondPerSite = maxPerSecond } },
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "link_down == true -> cloud", "Routing:Rules:0:Name is required")]
    [InlineData("Hot GPU", "link_down == true -> cloud", "Routing:Rules:0:Name 'Hot GPU' must be lower-case letters, digits and '-'")]
    [InlineData("hot-gpu", null, "Routing:Rules:0:Expression is required")]
    [InlineData("hot-gpu", "gpu_temp > 85 -> cloud", "Routing:Rules:0:Expression 'gpu_temp > 85 -> cloud': unknown field 'gpu_temp' at position 1")]
    public void Validate_BadRule_FailsNamingTheKeyAndToken(string? name, string? expression, string message)
    {
        var options = RoutingTestOptions.Create();
        options.Rules.Add(new RuleOptions { Name = name, Expression = expression });

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "Routing:HealthMaxAgeSeconds must be a number above 0 (was 0)")]
    [InlineData(-5.0, "Routing:HealthMaxAgeSeconds must be a number above 0 (was -5)")]
    [InlineData(double.NaN, "Routing:HealthMaxAgeSeconds must be a number above 0 (was NaN)")]
    public void Validate_BadHealthMaxAge_FailsNamingTheKey(double seconds, string message)
    {
        var options = RoutingTestOptions.Create();
        options.HealthMaxAgeSeconds = seconds;

        Assert.Contains(message, _validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateRuleName_FailsNamingTheSecond()
    {
        var options = RoutingTestOptions.Create(rules: [("hot", "gpu_temperature_c > 85 -> cloud"), ("hot", "throttled == true -> cloud")]);

        var result = _validator.Validate(null, options);

        Assert.Contains("Routing:Rules:1:Name 'hot' is used by an earlier rule", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEveryOne()
    {
        var options = new RoutingOptions
        {
            Models =
            {
                ["a"] = new ModelRoutingOptions { Threshold = 2, AuditRate = -1 },
                ["b"] = new ModelRoutingOptions(),
            },
            Rules = [new RuleOptions { Name = "x", Expression = "nope" }],
        };

        var failures = _validator.Validate(null, options).Failures!.ToArray();

        Assert.Equal(4, failures.Length);
        Assert.Contains(failures, f => f.StartsWith("Routing:Models:a:Threshold", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Routing:Models:a:AuditRate", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Routing:Models:b:Threshold is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Routing:Rules:0:Expression 'nope'", StringComparison.Ordinal));
    }
}
