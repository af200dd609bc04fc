namespace HybridInference.Router.Routing;

/// <summary>Picks which confident edge answers are also sent to the cloud, to keep measuring edge accuracy.</summary>
public interface IAuditSampler
{
    bool ShouldAudit(ModelRoute model);
}
