using HybridInference.Clients;
using HybridInference.Contracts.Registry;
using HybridInference.Inference.Artifacts;
using HybridInference.Inference.Models;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Makes the node serve the version its desired state names: from the local cache when verified there, else
/// downloaded and verified by digest; then loaded, warmed up and swapped in beside live traffic. A digest
/// mismatch is refused and reported; the node keeps serving what it served.
/// </summary>
public sealed partial class DesiredStateApplier(
    LocalModelCache cache,
    ArtifactDownloader downloader,
    ModelSwapper swapper,
    RunningModel running,
    IOptions<EdgeOptions> edge,
    ILogger<DesiredStateApplier> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<ApplyOutcome> ApplyAsync(RunningModelRef desired, bool download, CancellationToken cancellationToken)
    {
        if (desired.Name != edge.Value.Model)
        {
            return new ApplyOutcome(ApplyOutcome.Failed, $"this node serves model '{edge.Value.Model}' (Edge:Model); '{desired.Name}' cannot replace it");
        }

        if (!Digest.IsValid(desired.Digest))
        {
            return new ApplyOutcome(ApplyOutcome.Failed, $"'{desired.Digest}' is not a sha256 digest");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (running.Current?.Digest == desired.Digest)
            {
                return new ApplyOutcome(ApplyOutcome.Applied, "already serving it");
            }

            var location = await cache.FindVerifiedAsync(desired, cancellationToken);
            if (location is null)
            {
                if (!download)
                {
                    return new ApplyOutcome(ApplyOutcome.Failed, "not in the local cache");
                }

                var temporary = cache.NewTemporaryPath();
                await downloader.DownloadAsync(desired.Digest, temporary, cancellationToken);
                location = cache.Add(desired, temporary, await downloader.CardAsync(desired.Name, desired.Version, cancellationToken));
            }

            await Task.Run(() => swapper.LoadAndSwap(location), cancellationToken);
            running.Set(desired);
            cache.Promote(desired);
            LogApplied(desired.Name, desired.Version, desired.Digest);
            return new ApplyOutcome(ApplyOutcome.Applied, $"serving {desired.Name} version {desired.Version}");
        }
        catch (DigestMismatchException ex)
        {
            LogDigestMismatch(desired.Name, desired.Version, ex.Expected, ex.Actual);
            return new ApplyOutcome(ApplyOutcome.DigestMismatch, ex.Message);
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(desired.Name, desired.Version, ex.Message);
            return new ApplyOutcome(ApplyOutcome.Failed, ex.Message, Transient: ex is ApiException or HttpRequestException or IOException or TaskCanceledException);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Now serving {Model} version {Version} ({Digest})")]
    private partial void LogApplied(string model, long version, string digest);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Refused {Model} version {Version}: digest mismatch (expected {Expected}, got {Actual}); still serving the previous version")]
    private partial void LogDigestMismatch(string model, long version, string expected, string actual);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Could not apply {Model} version {Version}: {Reason}; still serving the previous version")]
    private partial void LogFailed(string model, long version, string reason);
}
