using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using StackExchange.Redis;

namespace HybridInference.Storage;

/// <summary>
/// Turns a store outage that escapes an endpoint into a 503 ProblemDetails that says so, instead of a
/// bare 500: the client learns the request may be retried, the operator learns where to look.
/// </summary>
public sealed class StoreUnavailableExceptionHandler(IProblemDetailsService problems, StoreConnection store) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (RedisException or TimeoutException))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Store unavailable",
                Detail = $"The store at {store.Endpoints} did not answer: {exception.Message}",
            },
        });
    }
}
