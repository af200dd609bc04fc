using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Registry;
using HybridInference.Inference.Artifacts;
using HybridInference.Inference.Repository;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The node's own model repository, in Triton layout under <c>{Fleet:CacheDirectory}/{device}</c>, with an
/// index of the current and previous versions. Files enter it only after their digest was verified, and are
/// verified again before they are served after a restart: a file changed on disk is refused like a download.
/// </summary>
public sealed class LocalModelCache
{
    private const string IndexFile = "current.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public LocalModelCache(IOptions<FleetAgentOptions> options, IOptions<EdgeOptions> edge, IHostEnvironment environment)
    {
        Root = Path.GetFullPath(Path.Combine(options.Value.CacheDirectory, edge.Value.DeviceId), environment.ContentRootPath);
        Directory.CreateDirectory(Path.Combine(Root, "tmp"));
    }

    public string Root { get; }

    public ModelLocation LocationOf(RunningModelRef model) =>
        new(model.Name, model.Version, Path.Combine(Root, model.Name, model.Version.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A fresh temporary file inside the cache, so the final move is a rename on one volume.</summary>
    public string NewTemporaryPath() => Path.Combine(Root, "tmp", Guid.NewGuid().ToString("N"));

    /// <summary>The cached version, if its file is there and still has the digest it was stored under.</summary>
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
        return actual == model.Digest ? location : throw new DigestMismatchException(model.Digest, actual, new FileInfo(location.OnnxPath).Length);
    }

    /// <summary>Moves a verified download into place (with its card, when known).</summary>
    public ModelLocation Add(RunningModelRef model, string verifiedFile, string? cardJson)
    {
        var location = LocationOf(model);
        Directory.CreateDirectory(location.Directory);
        File.Move(verifiedFile, location.OnnxPath, overwrite: true);
        if (cardJson is not null)
        {
            File.WriteAllText(location.CardPath, cardJson);
        }

        return location;
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
