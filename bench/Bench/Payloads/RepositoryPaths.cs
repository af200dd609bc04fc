using System.Reflection;

namespace HybridInference.Bench.Payloads;

/// <summary>Where the repository and the services built alongside this project are.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding HybridInference.sln, found upwards from this assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the services are built in the same configuration as this project (project references).</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    public static string Models => Path.Combine(Root, "models");

    public static string TestData => Path.Combine(Root, "data", "fashion-mnist");

    /// <summary>The build output of <c>src/{project}</c> in this configuration.</summary>
    public static string ServiceDirectory(string project) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0");

    /// <summary>The build output of <c>bench/{project}</c> (the benchmark's own baselines) in this configuration.</summary>
    public static string BenchDirectory(string project) => Path.Combine(Root, "bench", project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HybridInference.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"HybridInference.sln not found above {AppContext.BaseDirectory}; run the benchmarks from a build inside the repository");
    }
}
