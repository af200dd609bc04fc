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
    private TracerProvider? _tracing;
    private MeterProvider? _metrics;
    private LoggerProvider? _logging;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The providers are taken now, not when stopping: a host with two owners (a test factory and the app's own
    /// run) can be stopped again after its container was disposed, and a lookup then throws.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _tracing = services.GetService<TracerProvider>();
        _metrics = services.GetService<MeterProvider>();
        _logging = services.GetService<LoggerProvider>();
        return Task.CompletedTask;
    }

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
        if (_tracing is { } tracing)
        {
            shutdowns.Add(Blocking(() => tracing.Shutdown(timeout)));
        }

        if (_metrics is { } metrics)
        {
            shutdowns.Add(Blocking(() => metrics.Shutdown(timeout)));
        }

        if (_logging is { } logging)
        {
            shutdowns.Add(Blocking(() => logging.Shutdown(timeout)));
        }

        return Task.WhenAll(shutdowns).WaitAsync(cancellationToken);
    }

    /// <summary>Each shutdown blocks its thread for up to the timeout: on threads of their own, not the pool's few (2 cores).</summary>
    private static Task Blocking(Func<bool> shutdown) =>
        Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return shutdown();
                }
                catch (ObjectDisposedException)
                {
                    // Stopped a second time after the container (and the provider with it) was disposed: nothing left to flush.
                    return false;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
