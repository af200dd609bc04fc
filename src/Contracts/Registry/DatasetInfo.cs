namespace HybridInference.Contracts.Registry;

/// <summary>A model card's source data, its hashes and how it was split.</summary>
public sealed record DatasetInfo(
    string Name,
    string Source,
    string Licence,
    IReadOnlyDictionary<string, string> FileSha256,
    int TrainCount,
    int ValidationCount,
    int TestCount,
    IReadOnlyList<string> ClassNames);
