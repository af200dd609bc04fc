namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Finds the repository ChaosLab runs from (the folder holding HybridInference.sln), so the committed
/// experiments and images are found with no setting in development and in the whole-app tests.
/// </summary>
public static class RepositoryPaths
{
    public static string? FindRoot(params string[] startingPoints)
    {
        foreach (var start in startingPoints)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HybridInference.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
