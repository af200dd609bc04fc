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

    public static EdgeHealth Healthy { get; } = new(GpuTemperatureC: 60, Throttled: false, P95LatencyMs: 10, LinkDown: false);
}
