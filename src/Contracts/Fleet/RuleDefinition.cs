namespace HybridInference.Contracts.Fleet;

/// <summary>A routing rule as data, e.g. <c>hot-gpu</c>: <c>gpu_temperature_c &gt; 85 -&gt; cloud</c>.</summary>
public sealed record RuleDefinition(string Name, string Expression);
