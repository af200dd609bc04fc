using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HybridInference.TestSupport;

namespace HybridInference.AppHost.Tests;

/// <summary>
/// One whole AppHost, started once per test class: disposal alone costs ~13 s, and on 2 cores two
/// meshes at once starve each other, so whole-app classes run one at a time (xunit.runner.json).
/// </summary>
public abstract class RunningApp : IAsyncLifetime
{
    /// <summary>Generous because CI machines have 2 cores and build nothing here but start ~10 processes.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public static readonly string[] Services = ["registry", "cloud-inference", "edge-1", "edge-2", "edge-3", "router", "chaoslab"];

    private DistributedApplication? _app;

    // Each app writes its operator token here, as the AppHost writes ~/.hybridinference/operator.token for a developer.
    private readonly string _operatorTokenFile = Path.Combine(Directory.CreateTempSubdirectory("hi-apphost-auth-").FullName, "operator.token");

    public DistributedApplication App => _app ?? throw new InvalidOperationException("the app is not started");

    protected abstract string[] Arguments { get; }

    /// <summary>False when the class's tests are all skipped on this machine (no redis-server).</summary>
    protected virtual bool ShouldStart => true;

    public async Task InitializeAsync()
    {
        if (!ShouldStart)
        {
            return;
        }

        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([.. Arguments, $"Auth:OperatorTokenFile={_operatorTokenFile}"], cts.Token);
        _app = await builder.BuildAsync(cts.Token);
        await _app.StartAsync(cts.Token);
        foreach (var service in Services)
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(service, cts.Token);
        }
    }

    /// <summary>The operator token this app's AppHost wrote at start: what a developer gets with <c>hi login --dev</c>.</summary>
    public string OperatorToken => File.ReadAllText(_operatorTokenFile).Trim();

    /// <summary>A client of <paramref name="resource"/>'s endpoint that sends the operator token, as a developer's calls do.</summary>
    public HttpClient Client(string resource, string? endpoint = null) =>
        (endpoint is null ? App.CreateHttpClient(resource) : App.CreateHttpClient(resource, endpoint)).Authorize(OperatorToken);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Stops the resource gracefully through the orchestrator (the dashboard's stop: SIGTERM, then a grace period of
    /// about 10 s), asserts that the command succeeds and that the resource is down within 8 s; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> StopGracefullyAsync(string resource)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var down = Task.Run(async () =>
        {
            await App.ResourceNotifications.WaitForResourceAsync(resource, [KnownResourceStates.Exited, KnownResourceStates.Finished], wait.Token);
            return stopwatch.Elapsed;
        });
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);

        // Services stop in about 3 s. A process that outlives the grace period fails the command and stays 'Unknown'
        // for good; one that ends just inside it took 10-15 s, as they all did while their telemetry had no
        // collector to go to (see ServiceDefaults' TelemetryShutdown).
        Assert.True(result.Success, $"stop {resource}: {result.Message}");
        var elapsed = await down;
        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"{resource} took {elapsed.TotalMilliseconds:F0} ms to stop");
        return elapsed;
    }

    /// <summary>
    /// Kills the resource's process tree outright (SIGKILL: a crash, not a graceful stop) and waits until the
    /// orchestrator sees it down; returns its pid.
    /// </summary>
    public async Task<int> KillAsync(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var state))
        {
            throw new InvalidOperationException($"no state for {resource}");
        }

        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
        if (!int.TryParse(pid, out var id))
        {
            throw new InvalidOperationException($"no process id for {resource} (got '{pid}')");
        }

        using (var process = System.Diagnostics.Process.GetProcessById(id))
        {
            process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await App.ResourceNotifications.WaitForResourceAsync(resource, [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart], wait.Token);
        return id;
    }

    public IEnumerable<string> ResourceNames() =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name);
}
