using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.PredictionLog;

/// <summary>
/// Records waiting on local disk for the store: one JSON-lines file per spill, written under a temporary
/// name and renamed when complete, so a crash never leaves a half file that replays as garbage. Files from
/// before a restart are replayed too.
/// </summary>
public sealed class PredictionSpool
{
    private const string Extension = ".jsonl";
    private readonly string _directory;
    private readonly TimeProvider _time;

    public PredictionSpool(IOptions<PredictionLogOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        _directory = Path.GetFullPath(options.Value.SpoolDirectory, environment.ContentRootPath);
        _time = time;
        Directory.CreateDirectory(_directory);
    }

    public string Location => _directory;

    public bool HasFiles => Files().Any();

    public IEnumerable<string> Files() =>
        Directory.EnumerateFiles(_directory, "*" + Extension).Order(StringComparer.Ordinal);

    public long PendingRecords => Files().Sum(f => File.ReadLines(f).LongCount());

    public async Task WriteAsync(IReadOnlyCollection<PredictionRecord> records, CancellationToken cancellationToken)
    {
        var name = $"spill-{_time.GetUtcNow().ToUnixTimeMilliseconds():D15}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(_directory, name + ".tmp");
        await File.WriteAllLinesAsync(temporary, records.Select(r => JsonSerializer.Serialize(r, PredictionStore.Json)), cancellationToken);
        File.Move(temporary, Path.Combine(_directory, name + Extension));
    }

    public static async Task<IReadOnlyList<PredictionRecord>> ReadAsync(string file, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(file, cancellationToken);
        return lines.Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<PredictionRecord>(l, PredictionStore.Json)!).ToList();
    }
}
