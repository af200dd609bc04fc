using Microsoft.Win32.SafeHandles;

namespace HybridInference.PredictionLog;

/// <summary>
/// One file of the journal and what is known about its records: how many were appended, how many the writer stored
/// from memory, and whether any of them exist only on disk (the memory queue was full, or the file is from an
/// earlier process), so the file itself must be replayed before it may be deleted. Guarded by the journal's lock.
/// </summary>
internal sealed class JournalSegment(string path, SafeFileHandle? handle, DateTimeOffset opened)
{
    public string Path { get; } = path;

    /// <summary>Open while records are appended; null once sealed (or for a file found at start).</summary>
    public SafeFileHandle? Handle { get; set; } = handle;

    public DateTimeOffset Opened { get; } = opened;

    public long Bytes { get; set; }

    public long Appended { get; set; }

    public long Stored { get; set; }

    /// <summary>Some record of this file is not in the memory queue: only a replay of the file stores it.</summary>
    public bool NeedsReplay { get; set; }

    public bool Sealed => Handle is null;

    /// <summary>Every record reached the store from memory: the file can go without being read.</summary>
    public bool Done => Sealed && !NeedsReplay && Stored >= Appended;
}
