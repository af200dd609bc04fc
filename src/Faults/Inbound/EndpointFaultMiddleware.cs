using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Faults.Inbound;

/// <summary>
/// Applies endpoint faults to the requests a service receives: a delay before the request is handled, or an
/// error answer instead of handling it. Health and liveness paths are never faulted: a fault on an API must
/// not make the orchestrator restart the process (a restart would end the experiment, not test it).
/// </summary>
public sealed class EndpointFaultMiddleware(RequestDelegate next, FaultState state, IFaultRandom random, FaultMetrics metrics, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var current = state.Current;
        if (current.IsEmpty || IsProbe(context.Request.Path))
        {
            await next(context);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (current.ForEndpoint(FaultKind.EndpointLatency, path) is { } slow && Hits(slow))
        {
            var delay = Outbound.LinkChaosPipeline.Latency(slow, random);
            metrics.Injected(slow, $"{delay.TotalMilliseconds:0} ms");
            await Task.Delay(delay, time, context.RequestAborted);
        }

        if (current.ForEndpoint(FaultKind.EndpointError, path) is { } failing && Hits(failing))
        {
            metrics.Injected(failing, $"status {failing.StatusCode}");
            context.Response.StatusCode = failing.StatusCode ?? StatusCodes.Status500InternalServerError;
            context.Response.Headers["X-HI-Fault"] = failing.Id;
            await context.Response.WriteAsJsonAsync(new { error = $"injected fault {failing.Id}: status {failing.StatusCode}" }, context.RequestAborted);
            return;
        }

        await next(context);
    }

    private bool Hits(Fault fault) => fault.Rate >= 1 || random.NextDouble() < fault.Rate;

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)
        || path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath);
}
