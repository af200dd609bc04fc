using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using HybridInference.Contracts.Fleet;
using HybridInference.EdgeInference.Fleet;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// An edge node with a bootstrap secret enrols itself at a real registry, stores its credential (mode 600) and streams
/// with it; started again on the same cache it uses the stored credential and does not enrol again. A refused enrolment
/// is logged and retried while the node serves.
/// </summary>
public sealed class DeviceEnrolmentTests
{
    private static EnrolingEdge Edge(RegistryServer registry, int grpcPort, string deviceId, string secret, string? cache = null)
    {
        var edge = new EnrolingEdge();
        edge.Settings["Edge:DeviceId"] = deviceId;
        edge.Settings["Fleet:RegistryHttpAddress"] = registry.HttpAddress;
        edge.Settings["Fleet:RegistryGrpcAddress"] = $"http://127.0.0.1:{grpcPort}";
        edge.Settings["Fleet:ReconnectMinSeconds"] = "1";
        edge.Settings["Fleet:ReconnectMaxSeconds"] = "1";
        edge.Settings["Fleet:Enrolment:BootstrapSecret"] = secret;
        // No token of its own: whatever the node sends, it got by enrolling.
        edge.Settings["Auth:Client:Token"] = null;
        if (cache is not null)
        {
            edge.Settings["Fleet:CacheDirectory"] = cache;
        }

        return edge;
    }

    [Fact]
    public async Task NodeWithABootstrapSecret_Enrols_StoresItsCredential_AndReusesItWhenStartedAgain()
    {
        var (http, grpc) = (FreePort.Next(), FreePort.Next());
        await using var registry = new RegistryServer(http, grpc, TestEnrolment.RegistrySettings);
        var id = "edge-enrol-" + Guid.NewGuid().ToString("N")[..6];
        string cache;
        string file;
        CredentialStatus? first;
        await using (var edge = Edge(registry, grpc, id, TestEnrolment.Secret))
        {
            cache = edge.Settings["Fleet:CacheDirectory"]!;
            await edge.InitializeAsync();
            file = edge.Services.GetRequiredService<DeviceCredentialFile>().Path;

            Assert.True(await EventuallyAsync(() => RegisteredAsync(registry, id), TimeSpan.FromSeconds(30)), "the node never registered with its enrolled credential");
            first = await registry.Client.GetFromJsonAsync<CredentialStatus>($"/api/fleet/devices/{id}/credential");
            Assert.Equal(CredentialStatus.Enrolled, first!.State);
            Assert.Equal(Path.Combine(cache, id, DeviceCredentialFile.DefaultName), file);
            var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(File.ReadAllText(file));
            Assert.Equal(first.CredentialId, token.Id);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }

        var stored = File.ReadAllText(file);
        var before = await registry.Client.GetFromJsonAsync<DeviceView>($"/api/fleet/devices/{id}");
        await using (var again = Edge(registry, grpc, id, TestEnrolment.Secret, cache))
        {
            await again.InitializeAsync();

            Assert.True(await EventuallyAsync(async () => (await registry.Client.GetFromJsonAsync<DeviceView>($"/api/fleet/devices/{id}"))!.LastSeen > before!.LastSeen
                && again.Logs.Contains("Using the stored device credential"), TimeSpan.FromSeconds(30)), "the restarted node never registered with its stored credential");
            Assert.DoesNotContain("Enrolled device", again.Logs, StringComparison.Ordinal);
        }

        var status = await registry.Client.GetFromJsonAsync<CredentialStatus>($"/api/fleet/devices/{id}/credential");
        Assert.Equal(first.CredentialId, status!.CredentialId);
        Assert.Equal(stored, File.ReadAllText(file));
    }

    [Fact]
    public async Task RefusedEnrolment_IsLoggedAndRetried_WhileTheNodeServes()
    {
        var (http, grpc) = (FreePort.Next(), FreePort.Next());
        await using var registry = new RegistryServer(http, grpc, TestEnrolment.RegistrySettings);
        var id = "edge-refused-" + Guid.NewGuid().ToString("N")[..6];
        await using var edge = Edge(registry, grpc, id, "a-wrong-bootstrap-secret");
        await edge.InitializeAsync();
        using var client = edge.CreateClient();

        Assert.True(await EventuallyAsync(() => Task.FromResult(CountOf(edge.Logs, $"Enrolment of device {id} refused") >= 2), TimeSpan.FromSeconds(30)), edge.Logs);
        Assert.Contains("401", edge.Logs, StringComparison.Ordinal);
        Assert.Contains("bootstrap secret is not one this registry knows", edge.Logs, StringComparison.Ordinal);
        using var ready = await client.GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.False(File.Exists(edge.Services.GetRequiredService<DeviceCredentialFile>().Path));
        using var device = await registry.Client.GetAsync($"/api/fleet/devices/{id}");
        Assert.Equal(HttpStatusCode.NotFound, device.StatusCode);
    }

    private static async Task<bool> RegisteredAsync(RegistryServer registry, string id)
    {
        using var response = await registry.Client.GetAsync($"/api/fleet/devices/{id}");
        return response.IsSuccessStatusCode;
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    /// <summary>An edge node whose log the test reads, as an operator would.</summary>
    private sealed class EnrolingEdge : EdgeFactory
    {
        private readonly LogList _log = new();

        public string Logs => string.Join(Environment.NewLine, _log.Entries);

        protected override void ConfigureService(IWebHostBuilder builder)
        {
            base.ConfigureService(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(_log));
        }
    }

    private sealed class LogList : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
