namespace HybridInference.Cli.Http;

/// <summary>
/// The service a command talks to: its name as the messages say it (<c>the registry</c>, <c>ChaosLab</c>), its
/// address, and the exit code of the command group when it cannot be reached.
/// </summary>
internal sealed record ServiceTarget(string Name, Uri Address, int UnreachableCode);
