using HybridInference.Training.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>The committed Fashion-MNIST test split that experiments send, loaded once on first use.</summary>
public sealed class TestImages(IOptions<ExperimentsOptions> options, IHostEnvironment environment)
{
    private readonly Lazy<ImageSet> _set = new(() => FashionMnist.Load(Directory(options.Value, environment), DataSplit.Test));

    public ImageSet Set => _set.Value;

    private static string Directory(ExperimentsOptions options, IHostEnvironment environment) =>
        options.DataDirectory
        ?? (RepositoryPaths.FindRoot(environment.ContentRootPath, AppContext.BaseDirectory) is { } root
            ? Path.Combine(root, FashionMnist.RepositoryDirectory)
            : throw new InvalidOperationException("Experiments:DataDirectory is not set and no repository (HybridInference.sln) is above ChaosLab: say where the Fashion-MNIST test split is"));
}
