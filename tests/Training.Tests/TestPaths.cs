using HybridInference.Training.Data;

namespace HybridInference.Training.Tests;

/// <summary>Where the committed fixtures, test split and models are, from the test's output folder.</summary>
internal static class TestPaths
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string RepositoryRoot { get; } = FindRoot();

    public static string TestSplitDirectory => Path.Combine(RepositoryRoot, FashionMnist.RepositoryDirectory);

    public static string ModelsDirectory => Path.Combine(RepositoryRoot, "models");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, FashionMnist.RepositoryDirectory)) && Directory.Exists(Path.Combine(dir.FullName, "src", "Training")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no repository root with {FashionMnist.RepositoryDirectory} above {AppContext.BaseDirectory}");
    }
}
