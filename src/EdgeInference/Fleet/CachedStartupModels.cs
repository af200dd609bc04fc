using HybridInference.Contracts.Registry.Signing;
using HybridInference.Inference.Artifacts;
using HybridInference.Inference.Models;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Signing;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Makes a restarted node load the version its local cache names (current, else previous, each verified by
/// SHA-256 and its kept envelope against the trusted keys again) instead of its repository's version, without asking the registry: the node's first Ready is
/// with the version it was last told to run, and it never serves the repository's version in between. A
/// missing or tampered cache (file, card or envelope) leaves the repository's selection; a copy whose envelope does
/// not verify is counted in <c>inference.model.refused</c>.
/// </summary>
public sealed partial class CachedStartupModels(
    LocalModelCache cache,
    RunningModel running,
    ModelTrustMetrics trust,
    IOptions<EdgeOptions> edge,
    ILogger<CachedStartupModels> logger) : IStartupModels
{
    /// <summary>The repository's selection, kept so the node can fall back to it if the cached version does not load.</summary>
    public IReadOnlyList<ModelLocation> Repository { get; private set; } = [];

    /// <summary>The cached version chosen at start, if any.</summary>
    public RunningModelRef? Chosen { get; private set; }

    public IReadOnlyList<ModelLocation> Choose(IReadOnlyList<ModelLocation> fromRepository)
    {
        Repository = fromRepository;
        var index = cache.ReadIndex();
        foreach (var candidate in new[] { index.Current, index.Previous }.OfType<RunningModelRef>().Where(c => c.Name == edge.Value.Model))
        {
            try
            {
                if (cache.FindVerified(candidate) is { } location)
                {
                    Chosen = candidate;
                    running.Set(candidate);
                    LogStartFromCache(candidate.Name, candidate.Version, candidate.Digest);
                    return [.. fromRepository.Where(l => l.Name != candidate.Name), location];
                }

                LogCacheMissing(candidate.Name, candidate.Version);
            }
            catch (DigestMismatchException ex)
            {
                LogCacheRefused(candidate.Name, candidate.Version, ex.Message);
            }
            catch (ModelRefusedException ex)
            {
                trust.Refused(candidate.Name, candidate.Version, ex.Reason);
                LogCacheRefused(candidate.Name, candidate.Version, $"{ex.Reason}: {ex.Message}");
            }
            catch (IOException ex)
            {
                LogCacheRefused(candidate.Name, candidate.Version, ex.Message);
            }
        }

        return fromRepository;
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Starting from the local cache: {Model} version {Version} ({Digest}), verified")]
    private partial void LogStartFromCache(string model, long version, string digest);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Local cache names {Model} version {Version} but its file is missing; not started from it")]
    private partial void LogCacheMissing(string model, long version);

    [LoggerMessage(EventId = 322, Level = LogLevel.Error, Message = "Local cache copy of {Model} version {Version} refused at start: {Reason}")]
    private partial void LogCacheRefused(string model, long version, string reason);
}
