namespace HybridInference.Router.Routing;

/// <summary>Independent Bernoulli draws at the model's <see cref="ModelRoute.AuditRate"/>.</summary>
internal sealed class AuditSampler(IRandomSource random) : IAuditSampler
{
    // A strict '<' makes rate 0 never and rate 1 always audit, since NextDouble is in [0, 1).
    public bool ShouldAudit(ModelRoute model) => model.AuditRate > 0 && random.NextDouble() < model.AuditRate;
}
