namespace HybridInference.TestSupport;

/// <summary>The repository root (the folder holding HybridInference.sln), found from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HybridInference.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"HybridInference.sln not found above {AppContext.BaseDirectory}");
    }
}
