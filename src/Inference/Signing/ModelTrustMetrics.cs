using System.Diagnostics;
using System.Diagnostics.Metrics;
using HybridInference.Inference.Telemetry;

namespace HybridInference.Inference.Signing;

/// <summary><c>inference.model.refused</c>: model versions a node refused to load, by model, version and <see cref="Contracts.Registry.Signing.RefusalReasons">reason</see>.</summary>
public sealed class ModelTrustMetrics
{
    public const string RefusedName = "inference.model.refused";
    public const string ReasonTag = "reason";

    private readonly Counter<long> _refused;

    public ModelTrustMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(ServiceDefaults.Telemetry.SourceName);
        _refused = Meter.CreateCounter<long>(RefusedName, "{version}", "Model versions refused before loading: unsigned, wrongly signed, or not what was signed (artifact, size or card)");
    }

    /// <summary>The meter the instrument belongs to, for tests that listen to this instance only.</summary>
    public Meter Meter { get; }

    public void Refused(string model, long version, string reason) =>
        _refused.Add(1, new TagList { { InferenceMetrics.ModelTag, model }, { InferenceMetrics.VersionTag, version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, { ReasonTag, reason } });
}
