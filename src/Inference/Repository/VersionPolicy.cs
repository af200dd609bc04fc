namespace HybridInference.Inference.Repository;

/// <summary>Which version directories of a model are served (Triton's version_policy).</summary>
public enum VersionPolicy
{
    /// <summary>Only the highest-numbered version.</summary>
    Latest,

    /// <summary>Every version directory, side by side.</summary>
    All,

    /// <summary>Exactly the versions listed in <c>ModelRepository:Versions</c>.</summary>
    Specific,
}
