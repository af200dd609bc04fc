namespace HybridInference.PredictionLog;

/// <summary>A record in the memory queue and the journal file that holds it (null when the journal refused it).</summary>
internal readonly record struct LoggedRecord(PredictionRecord Record, JournalSegment? Segment);
