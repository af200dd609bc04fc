namespace HybridInference.Contracts.Oip;

/// <summary>
/// A request the server refuses, with the HTTP status the protocol prescribes and a message that names
/// the problem. The HTTP API writes it as <c>{"error": message}</c>; the gRPC service maps the status to
/// a gRPC code. Anything else thrown while serving is a server fault.
/// </summary>
public sealed class OipException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
