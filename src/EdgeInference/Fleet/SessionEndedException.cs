namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// A fleet session that registered and then ended, with its cause (null when the registry closed the stream).
/// It is the first failure of the next reconnect sequence, so the wait before reconnecting is the pipeline's and
/// its backoff starts again from the shortest delay.
/// </summary>
public sealed class SessionEndedException(Exception? cause)
    : Exception(cause is null ? "the registry closed the fleet stream" : $"the fleet session ended: {cause.Message}", cause);
