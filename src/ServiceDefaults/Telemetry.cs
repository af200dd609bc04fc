using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HybridInference.ServiceDefaults;

/// <summary>
/// The names under which every HybridInference service publishes its own traces and metrics, so the
/// dashboard and Prometheus can select the product's signals apart from the framework's.
/// </summary>
public static class Telemetry
{
    /// <summary>The ActivitySource and Meter name shared by all services.</summary>
    public const string SourceName = "HybridInference";

    /// <summary>Spans for the product's own work (routing decisions, inference, store access).</summary>
    public static readonly ActivitySource ActivitySource = new(SourceName);

    /// <summary>Counters and histograms for the product's own work.</summary>
    public static readonly Meter Meter = new(SourceName);
}
