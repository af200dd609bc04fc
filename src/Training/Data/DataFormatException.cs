namespace HybridInference.Training.Data;

/// <summary>
/// A data file is missing, truncated or not in the expected IDX format. The message always names the file,
/// because the operator's next step is to replace that file.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
