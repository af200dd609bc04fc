using HybridInference.Clients;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.Inference.Artifacts;
using HybridInference.Inference.Models;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Signing;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// Makes the node serve the version its desired state names: from the local cache when verified there, else read
/// from the registry, its signature verified (<see cref="ModelVerifier"/>), and its artifact downloaded within the
/// signed size and verified by the signed digest; then loaded, warmed up and swapped in beside live traffic. An
/// unsigned, wrongly signed or tampered version is refused, counted (<c>inference.model.refused</c>) and reported;
/// the node keeps serving what it served.
/// </summary>
public sealed partial class DesiredStateApplier(
    LocalModelCache cache,
    ArtifactDownloader downloader,
    ModelVerifier verifier,
    ModelTrustMetrics trust,
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

            ModelLocation? location;
            try
            {
                location = await cache.FindVerifiedAsync(desired, cancellationToken);
            }
            catch (ModelRefusedException ex) when (download)
            {
                // A cached copy whose kept envelope does not verify (or one cached before envelopes were kept) is
                // not used; the registry's copy is then verified like any download.
                LogCachedCopyNotUsed(desired.Name, desired.Version, ex.Reason, ex.Message);
                location = null;
            }

            if (location is null)
            {
                if (!download)
                {
                    return new ApplyOutcome(ApplyOutcome.Failed, "not in the local cache");
                }

                var version = await downloader.VersionAsync(desired.Name, desired.Version, cancellationToken);
                var signed = verifier.Verify(version, desired.Name, desired.Version, desired.Digest);
                var temporary = cache.NewTemporaryPath();
                await downloader.DownloadAsync(signed.Digest, signed.SizeBytes, temporary, cancellationToken);
                location = cache.Add(desired, temporary, version.Card.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : version.Card.GetRawText(), version.Envelope);
            }

            await Task.Run(() => swapper.LoadAndSwap(location), cancellationToken);
            running.Set(desired);
            cache.Promote(desired);
            LogApplied(desired.Name, desired.Version, desired.Digest);
            return new ApplyOutcome(ApplyOutcome.Applied, $"serving {desired.Name} version {desired.Version}");
        }
        catch (DigestMismatchException ex)
        {
            trust.Refused(desired.Name, desired.Version, RefusalReasons.ArtifactDigest);
            LogDigestMismatch(desired.Name, desired.Version, ex.Expected, ex.Actual);
            return new ApplyOutcome(ApplyOutcome.DigestMismatch, ex.Message);
        }
        catch (ModelRefusedException ex)
        {
            trust.Refused(desired.Name, desired.Version, ex.Reason);
            LogRefused(desired.Name, desired.Version, ex.Reason, ex.Message);
            return new ApplyOutcome(ApplyOutcome.Refused, $"{ex.Reason}: {ex.Message}");
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

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Refused {Model} version {Version} ({Reason}): {Detail}; never loaded, still serving the previous version")]
    private partial void LogRefused(string model, long version, string reason, string detail);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Cached copy of {Model} version {Version} not used ({Reason}): {Detail}; reading it from the registry")]
    private partial void LogCachedCopyNotUsed(string model, long version, string reason, string detail);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Could not apply {Model} version {Version}: {Reason}; still serving the previous version")]
    private partial void LogFailed(string model, long version, string reason);
}
