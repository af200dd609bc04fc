using System.Text.Json;

namespace HybridInference.PredictionLog;

/// <summary>
/// Reads one journal file back in batches. A line that is not a record (cut short by a crash or a failing disk,
/// or garbage) or whose schema this version does not know is moved to the quarantine directory and counted instead
/// of stopping the replay: one bad line must never keep every later record out of the store. A replay that is
/// retried (the store failed half way) rewrites its quarantine file rather than adding to it.
/// </summary>
internal sealed class JournalReplay(string file, string quarantineDirectory)
{
    private StreamWriter? _quarantine;

    /// <summary>Lines moved aside, by reason (<c>unreadable</c>, <c>schema</c>).</summary>
    public Dictionary<string, int> Quarantined { get; } = [];

    public string QuarantineFile => Path.Combine(quarantineDirectory, Path.GetFileName(file));

    public IEnumerable<IReadOnlyList<PredictionRecord>> Batches(int size)
    {
        try
        {
            var batch = new List<PredictionRecord>(size);
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var (record, reason) = Parse(line);
                if (record is null)
                {
                    Quarantine(line, reason!);
                    continue;
                }

                batch.Add(record);
                if (batch.Count == size)
                {
                    yield return batch;
                    batch = new List<PredictionRecord>(size);
                }
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
        finally
        {
            _quarantine?.Dispose();
            _quarantine = null;
        }
    }

    internal static (PredictionRecord? Record, string? Reason) Parse(string line)
    {
        PredictionRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<PredictionRecord>(line, PredictionStore.Json);
        }
        catch (JsonException)
        {
            return (null, "unreadable");
        }

        if (record is null || string.IsNullOrEmpty(record.RequestId))
        {
            return (null, "unreadable");
        }

        return record.SchemaVersion is < 1 or > PredictionRecord.CurrentSchemaVersion ? (null, "schema") : (record, null);
    }

    private void Quarantine(string line, string reason)
    {
        if (_quarantine is null)
        {
            Directory.CreateDirectory(quarantineDirectory);
            _quarantine = new StreamWriter(QuarantineFile, append: false);
        }

        _quarantine.WriteLine(line);
        Quarantined[reason] = Quarantined.GetValueOrDefault(reason) + 1;
    }
}
