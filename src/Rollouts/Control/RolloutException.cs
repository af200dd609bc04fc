namespace HybridInference.Rollouts.Control;

/// <summary>A request about rollouts that cannot be done, with the HTTP status that says why (400, 404, 409).</summary>
public sealed class RolloutException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static RolloutException BadRequest(string message) => new(400, message);

    public static RolloutException NotFound(string message) => new(404, message);

    public static RolloutException Conflict(string message) => new(409, message);
}
