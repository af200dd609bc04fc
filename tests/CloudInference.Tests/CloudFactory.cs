using HybridInference.Inference.Models;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.CloudInference.Tests;

/// <summary>
/// The cloud service in process, on a repository with two versions of <c>fashion-cloud</c> (v1 the
/// committed CNN, v2 the committed MLP, so the versions give tellably different answers) and an
/// unbatched <c>fashion-edge</c>, with an embedded Garnet as its store.
/// </summary>
public sealed class CloudFactory : ServiceFactory<Program>, IAsyncLifetime
{
    public const int BodyLimit = 1024 * 1024;
    public const int MaxBatch = 64;

    private int _disposed;

    private readonly EmbeddedGarnet _store = new("127.0.0.1", FreePort.Next());

    public string Repository { get; } = Path.Combine(Path.GetTempPath(), "hi-cloud-" + Guid.NewGuid().ToString("N"));

    /// <summary>Settings added to (or replacing) the defaults, set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public async Task InitializeAsync()
    {
        Place("fashion-cloud", "1", TestData.CloudOnnx);
        Place("fashion-cloud", "2", TestData.EdgeOnnx);
        Place("fashion-edge", "1", TestData.EdgeOnnx);
        await Services.GetRequiredService<ModelCatalog>().Loaded;
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelRepository:Path"] = Repository,
            ["ConnectionStrings:store"] = $"127.0.0.1:{_store.Port}",
            ["Serving:MaxRequestBodyBytes"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Serving:Defaults:MaxBatchSize"] = MaxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Serving:Models:fashion-cloud:MaxQueueDelayMicroseconds"] = "20000",
            ["Serving:Models:fashion-cloud:PreferredBatchSize"] = "0",
            ["Serving:Models:fashion-edge:DynamicBatching"] = "false",
            [TestSigningKeys.CloudPublicKeySetting] = TestSigningKeys.RegistryPublicKeyPem,
        }).AddInMemoryCollection(Settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);

        // WebApplicationFactory reaches Dispose(bool) from both Dispose and DisposeAsync.
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _store.Dispose();
            Directory.Delete(Repository, recursive: true);
        }
    }

    private void Place(string model, string version, string onnx)
    {
        var directory = Path.Combine(Repository, model, version);
        Directory.CreateDirectory(directory);
        File.Copy(onnx, Path.Combine(directory, "model.onnx"));
        File.Copy(Path.Combine(Path.GetDirectoryName(onnx)!, "model-card.json"), Path.Combine(directory, "model-card.json"));
    }
}
