using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HybridInference.ServiceDefaults;

/// <summary>
/// Ends a stopping service's telemetry within <see cref="Extensions.TelemetryShutdownTimeout"/>, all signals at once.
/// Left to the SDK, the host's disposal shuts traces, metrics and logs down one after another and waits up to 5 s
/// for each. The Aspire orchestrator sets <c>OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY=in_memory</c>: with no collector
/// listening (whole-app tests run without the dashboard; a dashboard that is gone) every final export retries in
/// Thread.Sleep until its deadline, so the process exited 10-15 s after SIGTERM, past the orchestrator's grace
/// period, which then reported the stop as failed and left the resource 'Unknown' for good.
/// </summary>
internal sealed class TelemetryShutdown(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// After every hosted service has stopped, so their last logs and spans are in the final export. A provider
    /// shut down here is not waited for again at disposal, and an export still retrying runs on a background
    /// thread, which does not keep the process alive.
    /// </summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        var timeout = (int)Extensions.TelemetryShutdownTimeout.TotalMilliseconds;
        List<Task> shutdowns = [];
        if (services.GetService<TracerProvider>() is { } tracing)
        {
            shutdowns.Add(Blocking(() => tracing.Shutdown(timeout)));
        }

        if (services.GetService<MeterProvider>() is { } metrics)
        {
            shutdowns.Add(Blocking(() => metrics.Shutdown(timeout)));
        }

        if (services.GetService<LoggerProvider>() is { } logging)
        {
            shutdowns.Add(Blocking(() => logging.Shutdown(timeout)));
        }

        return Task.WhenAll(shutdowns).WaitAsync(cancellationToken);
    }

    /// <summary>Each shutdown blocks its thread for up to the timeout: on threads of their own, not the pool's few (2 cores).</summary>
    private static Task Blocking(Func<bool> shutdown) =>
        Task.Factory.StartNew(shutdown, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
