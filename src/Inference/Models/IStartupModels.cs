using HybridInference.Inference.Repository;

namespace HybridInference.Inference.Models;

/// <summary>
/// Chooses the versions a server loads at start in place of the repository's selection. An edge node starts
/// from the version its fleet cache says it was last told to run, so that its first Ready is with that version
/// and it never serves the repository's version in between.
/// </summary>
public interface IStartupModels
{
    /// <summary>The versions to load, given what the repository and version policy select.</summary>
    IReadOnlyList<ModelLocation> Choose(IReadOnlyList<ModelLocation> fromRepository);
}
