namespace HybridInference.Router.Routing;

/// <summary>One health rule as configured (<c>Routing:Rules:{index}</c>).</summary>
public sealed class RuleOptions
{
    /// <value>Lower-case name, reported as the escalation reason <c>rule:{Name}</c>. Required.</value>
    public string? Name { get; set; }

    /// <value>The rule, e.g. <c>gpu_temperature_c &gt; 85 -&gt; cloud</c> (grammar in docs/ROUTING.md). Required.</value>
    public string? Expression { get; set; }
}
