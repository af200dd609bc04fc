using System.Net;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>The registry answered an enrolment with an error: its status and problem detail, for the retry's log.</summary>
public sealed class EnrolmentRefusedException(HttpStatusCode status, string detail)
    : Exception($"the registry refused the enrolment: {(int)status} {status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;
}
