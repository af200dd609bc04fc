using System.Net;

namespace HybridInference.Clients;

/// <summary>
/// A control-plane call that did not succeed: either the service answered with an error status
/// (<see cref="StatusCode"/> set, <see cref="Detail"/> is its problem detail or body), or it could not be
/// reached at all (<see cref="StatusCode"/> null: connection refused, timed out, or its breaker is open).
/// Command lines map the two to different exit codes.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(string service, HttpStatusCode statusCode, string detail)
        : base($"{service} answered {(int)statusCode}: {detail}")
    {
        Service = service;
        StatusCode = statusCode;
        Detail = detail;
    }

    public ApiException(string service, Uri? address, Exception transportFailure)
        : base($"{service}{(address is null ? "" : $" at {address}")} could not be reached: {transportFailure.Message}", transportFailure)
    {
        Service = service;
        Detail = transportFailure.Message;
    }

    /// <summary>The service's name, as the message shows it (for example <c>registry</c>).</summary>
    public string Service { get; }

    /// <summary>The status the service answered, or null when it could not be reached.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when no answer came back (transport failure, timeout, open circuit breaker).</summary>
    public bool Unreachable => StatusCode is null;

    /// <summary>The problem's detail (or the body when it was not a problem document), or the transport error.</summary>
    public string Detail { get; }
}
