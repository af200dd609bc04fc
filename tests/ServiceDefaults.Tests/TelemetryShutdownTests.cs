using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace HybridInference.ServiceDefaults.Tests;

/// <summary>
/// A service must exit soon after SIGTERM even when its telemetry collector is gone: the Aspire orchestrator
/// gives a process about 10 s, then reports the stop as failed and leaves the resource 'Unknown' for good.
/// </summary>
public class TelemetryShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stop_CollectorUnreachable_WithAspiresInMemoryRetry_EndsWithinTheFlushBound()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{ClosedPort()}";
        builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";

        // What the orchestrator gives every project: failed exports are retried with back-off, in Thread.Sleep,
        // for up to the export timeout (10 s), and the SDK's own disposal waits up to 5 s per signal for that.
        builder.Configuration["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        builder.Configuration["Auth:SigningKey"] = HybridInference.Security.DevTokens.NewSigningKey();
        builder.AddServiceDefaults();
        var app = builder.Build();
        await app.StartAsync();

        // Something of every signal waiting for export at the stop (metrics have runtime instruments anyway).
        app.Services.GetRequiredService<ILogger<TelemetryShutdownTests>>().LogWarning("about to stop");
        using (Telemetry.ActivitySource.StartActivity("before-stop"))
        {
        }

        var stopwatch = Stopwatch.StartNew();
        await app.StopAsync();
        await app.DisposeAsync();
        stopwatch.Stop();

        output.WriteLine($"stopped and disposed in {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(stopwatch.Elapsed < Extensions.TelemetryShutdownTimeout + TimeSpan.FromSeconds(2),
            $"stop took {stopwatch.ElapsedMilliseconds} ms with the collector unreachable");
    }

    /// <summary>
    /// A test factory and the app's own run both stop the host; the second stop comes after the container was
    /// disposed (the cause of a CI failure once before, with another service). It must not throw.
    /// </summary>
    [Fact]
    public async Task Stop_AgainAfterTheContainerWasDisposed_DoesNotThrow()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:SigningKey"] = HybridInference.Security.DevTokens.NewSigningKey();
        builder.AddServiceDefaults();
        var app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
        await ((IAsyncDisposable)app.Services).DisposeAsync();

        await app.StopAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
