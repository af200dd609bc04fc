namespace HybridInference.Contracts.Registry.Signing;

/// <summary>A model version a node must not load, with the <see cref="RefusalReasons">reason</see> it reports.</summary>
public sealed class ModelRefusedException(string reason, string message) : Exception(message)
{
    /// <summary>One of <see cref="RefusalReasons"/>.</summary>
    public string Reason { get; } = reason;
}
