using HybridInference.Router.Routing;

namespace HybridInference.Router.Tests.Routing;

/// <summary>Routing options and snapshots for unit tests.</summary>
internal static class RoutingTestOptions
{
    public const string Model = "fashion";
    public const string Site = "site-a";

    public static RoutingOptions Create(double threshold = 0.8, double auditRate = 0, double maxPerSecond = 100, params (string Name, string Expression)[] rules) => new()
    {
        Models = { [Model] = new ModelRoutingOptions { Threshold = threshold, AuditRate = auditRate, MaxEscalationsPerSecondPerSite = maxPerSecond } },
        Rules = [.. rules.Select(r => new RuleOptions { Name = r.Name, Expression = r.Expression })],
    };

    public static ModelRoute Route(double threshold = 0.8, double auditRate = 0, double maxPerSecond = 100) =>
        new(Model, threshold, auditRate, maxPerSecond);

    /// <summary>The fake clock's start, and when the test health reports were observed.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static EdgeHealth Healthy { get; } = Health(60, false, 10, false);

    public static EdgeHealth Health(double temperature, bool throttled, double p95, bool linkDown) => new(temperature, throttled, p95, linkDown, Now);
}
