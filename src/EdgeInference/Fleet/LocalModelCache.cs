using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Registry.Signing;
using HybridInference.Inference.Artifacts;
using HybridInference.Inference.Repository;
using HybridInference.Inference.Signing;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The node's own model repository, in Triton layout under <c>{Fleet:CacheDirectory}/{device}</c>, with an
/// index of the current and previous versions. Files enter it only after their signature and digest were verified,
/// with the registry's envelope kept beside them (<c>envelope.json</c>), and are verified again before they are
/// served from the cache (after a restart too): the file's digest, then the kept envelope against the trusted keys,
/// the file's size and the cached card. A file, card or envelope changed on disk is refused like a download.
/// </summary>
public sealed class LocalModelCache
{
    private const string IndexFile = "current.json";
    private const string EnvelopeFile = "envelope.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly ModelVerifier _verifier;

    public LocalModelCache(IOptions<FleetAgentOptions> options, IOptions<EdgeOptions> edge, IHostEnvironment environment, ModelVerifier verifier)
    {
        _verifier = verifier;
        Root = Path.GetFullPath(Path.Combine(options.Value.CacheDirectory, edge.Value.DeviceId), environment.ContentRootPath);
        Directory.CreateDirectory(Path.Combine(Root, "tmp"));
    }

    public string Root { get; }

    public ModelLocation LocationOf(RunningModelRef model) =>
        new(model.Name, model.Version, Path.Combine(Root, model.Name, model.Version.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A fresh temporary file inside the cache, so the final move is a rename on one volume.</summary>
    public string NewTemporaryPath() => Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));

    /// <summary>
    /// The cached version, if its file is there, still has the digest it was stored under, and its kept envelope
    /// verifies for it (<see cref="VerifyKeptEnvelope"/>).
    /// </summary>
    /// <exception cref="DigestMismatchException">The file changed.</exception>
    /// <exception cref="ModelRefusedException">The envelope is missing or does not vouch for the file and card.</exception>
    public async Task<ModelLocation?> FindVerifiedAsync(RunningModelRef model, CancellationToken cancellationToken)
    {
        var location = LocationOf(model);
        if (!File.Exists(location.OnnxPath))
        {
            return null;
        }

        var actual = (await Digest.OfFileAsync(location.OnnxPath, cancellationToken)).ToString();
        if (actual != model.Digest)
        {
            throw new DigestMismatchException(model.Digest, actual, new FileInfo(location.OnnxPath).Length);
        }

        VerifyKeptEnvelope(model, location);
        return location;
    }

    /// <summary>Synchronous <see cref="FindVerifiedAsync"/>, for choosing the start-up version while the catalog is built.</summary>
    public ModelLocation? FindVerified(RunningModelRef model)
    {
        var location = LocationOf(model);
        if (!File.Exists(location.OnnxPath))
        {
            return null;
        }

        var actual = Digest.OfFile(location.OnnxPath).ToString();
        if (actual != model.Digest)
        {
            throw new DigestMismatchException(model.Digest, actual, new FileInfo(location.OnnxPath).Length);
        }

        VerifyKeptEnvelope(model, location);
        return location;
    }

    /// <summary>
    /// Moves a verified download into place, with its card (when known) and the envelope it was verified with
    /// (none when the node's signature checks are off).
    /// </summary>
    public ModelLocation Add(RunningModelRef model, string verifiedFile, string? cardJson, DsseEnvelope? envelope)
    {
        var location = LocationOf(model);
        Directory.CreateDirectory(location.Directory);
        var envelopePath = Path.Combine(location.Directory, EnvelopeFile);
        if (envelope is null)
        {
            File.Delete(envelopePath);
        }
        else
        {
            File.WriteAllText(envelopePath, JsonSerializer.Serialize(envelope, Json));
        }

        File.Move(verifiedFile, location.OnnxPath, overwrite: true);
        if (cardJson is not null)
        {
            File.WriteAllText(location.CardPath, cardJson);
        }

        return location;
    }

    /// <summary>
    /// Checks the envelope kept with a cached copy as a download's is checked: signed by a trusted key, for this
    /// model, version and digest, the file's size and the digest of the card beside it. A copy cached before
    /// envelopes were kept has none and is refused as <c>unsigned</c>.
    /// </summary>
    private void VerifyKeptEnvelope(RunningModelRef model, ModelLocation location)
    {
        var envelopePath = Path.Combine(location.Directory, EnvelopeFile);
        DsseEnvelope? envelope;
        try
        {
            envelope = File.Exists(envelopePath) ? JsonSerializer.Deserialize<DsseEnvelope>(File.ReadAllText(envelopePath), Json) : null;
        }
        catch (JsonException ex)
        {
            throw new ModelRefusedException(RefusalReasons.Malformed, $"the kept envelope is not JSON: {ex.Message}");
        }

        JsonElement card;
        try
        {
            card = File.Exists(location.CardPath) ? JsonDocument.Parse(File.ReadAllText(location.CardPath)).RootElement.Clone() : default;
        }
        catch (JsonException ex)
        {
            throw new ModelRefusedException(RefusalReasons.CardMismatch, $"the cached card is not JSON: {ex.Message}");
        }

        _verifier.VerifyKept(envelope, model.Name, model.Version, model.Digest, new FileInfo(location.OnnxPath).Length, card);
    }

    public CacheIndex ReadIndex()
    {
        var path = Path.Combine(Root, IndexFile);
        if (!File.Exists(path))
        {
            return new CacheIndex(null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<CacheIndex>(File.ReadAllText(path), Json) ?? new CacheIndex(null, null);
        }
        catch (JsonException)
        {
            // A broken index costs the cache, not the node: it serves its repository model and asks the registry.
            return new CacheIndex(null, null);
        }
    }

    /// <summary>Records <paramref name="current"/> as served, keeps the one before it, and deletes older versions.</summary>
    public void Promote(RunningModelRef current)
    {
        var index = ReadIndex();
        var previous = index.Current is { } was && was.Digest != current.Digest ? was : index.Previous;
        var temporary = Path.Combine(Root, IndexFile + ".tmp");
        File.WriteAllText(temporary, JsonSerializer.Serialize(new CacheIndex(current, previous), Json));
        File.Move(temporary, Path.Combine(Root, IndexFile), overwrite: true);

        var keep = new[] { current, previous }.OfType<RunningModelRef>().Select(m => LocationOf(m).Directory).ToHashSet(StringComparer.Ordinal);
        foreach (var modelDirectory in Directory.EnumerateDirectories(Root).Where(d => Path.GetFileName(d) != "tmp"))
        {
            foreach (var versionDirectory in Directory.EnumerateDirectories(modelDirectory).Where(d => !keep.Contains(d)))
            {
                Directory.Delete(versionDirectory, recursive: true);
            }
        }
    }
}
