namespace HybridInference.Router.Routing;

/// <summary>Protects the cloud: caps the cloud calls one site may make per second for one model.</summary>
public interface IEscalationLimiter
{
    /// <summary>Takes one cloud call from the site's budget; false when the budget is spent.</summary>
    bool TryAcquire(ModelRoute model, string site);
}
