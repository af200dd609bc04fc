namespace HybridInference.Training.Cli;

/// <summary>
/// The command line is wrong in a way only the command can tell (a missing target, a value out of range, a run
/// the store does not hold); the user gets the message and the usage, exit 2, as for a parse error.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);
