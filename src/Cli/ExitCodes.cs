namespace HybridInference.Cli;

/// <summary>
/// What <c>hi</c> exits with: 0 done, 1 refused by the service (its message is printed) or a run that did not pass,
/// 2 a bad command line (nothing was sent), 3 the service could not be reached or is not the service named.
/// <c>hi predictions summary</c> keeps the 1 it has always exited with when the router cannot be reached.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int BadUsage = 2;
    public const int Unreachable = 3;
}
