namespace HybridInference.Training.Cli;

/// <summary>The command line itself is wrong; the user gets the message and the help text.</summary>
internal sealed class UsageException(string message) : Exception(message);
