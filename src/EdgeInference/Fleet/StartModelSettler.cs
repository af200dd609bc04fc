using HybridInference.Contracts.Registry;
using HybridInference.Inference.Models;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Records the version the node started with, once the catalog has loaded. A cached version was chosen before the
/// catalog was built (<see cref="CachedStartupModels"/>); if it then failed to load, the repository's version is
/// loaded instead, so the node still serves something. Otherwise the repository's version is recorded with its digest.
/// </summary>
public sealed partial class StartModelSettler(
    ModelCatalog catalog,
    ModelSwapper swapper,
    CachedStartupModels startup,
    RunningModel running,
    IOptions<EdgeOptions> edge,
    ILogger<StartModelSettler> logger)
{
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        var served = catalog.All.FirstOrDefault(m => m.Name == edge.Value.Model);
        if (startup.Chosen is { } cached)
        {
            if (served is { IsReady: true })
            {
                return;
            }

            LogCachedStartFailed(cached.Name, cached.Version, served?.Reason ?? "not in the catalog");
            if (startup.Repository.FirstOrDefault(l => l.Name == edge.Value.Model) is not { } repository)
            {
                return;
            }

            var digest = (await Digest.OfFileAsync(repository.OnnxPath, cancellationToken)).ToString();
            await Task.Run(() => swapper.LoadAndSwap(repository), cancellationToken);
            running.Set(new RunningModelRef(repository.Name, repository.Version, digest));
            return;
        }

        if (served is { IsReady: true })
        {
            running.Set(new RunningModelRef(served.Name, served.Location.Version, (await Digest.OfFileAsync(served.Location.OnnxPath, cancellationToken)).ToString()));
        }
    }

    [LoggerMessage(EventId = 313, Level = LogLevel.Error, Message = "Cached {Model} version {Version} did not load at start ({Reason}); serving the repository model")]
    private partial void LogCachedStartFailed(string model, long version, string reason);
}
