namespace HybridInference.Contracts.Oip;

/// <summary>The HTTP statuses the protocol uses for refused requests.</summary>
public static class OipStatus
{
    public const int BadRequest = 400;
    public const int NotFound = 404;
    public const int PayloadTooLarge = 413;
    public const int ServiceUnavailable = 503;
}
