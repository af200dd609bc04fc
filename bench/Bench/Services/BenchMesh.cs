using System.Diagnostics;
using HybridInference.Bench.Payloads;

namespace HybridInference.Bench.Services;

/// <summary>
/// The services the table needs, as plain processes on free loopback ports (the approach of
/// bench/router-overhead.sh): the Garnet store, one edge node whose simulated device never throttles (this
/// measures the software, not the simulation), the cloud with dynamic batching and a second cloud without
/// (one intra-op thread each, so the comparison is batching alone), and the router in front of the edge node
/// and the batching cloud. All are started at once; <see cref="StartupTime"/> is until the last was ready.
/// </summary>
public sealed class BenchMesh : IDisposable
{
    private readonly List<ServiceProcess> _services = [];

    private BenchMesh(string logDirectory) => LogDirectory = logDirectory;

    public string LogDirectory { get; }

    public required ServiceProcess Store { get; init; }
    public required ServiceProcess Edge { get; init; }
    public required ServiceProcess CloudBatched { get; init; }
    public required ServiceProcess CloudUnbatched { get; init; }
    public required ServiceProcess Router { get; init; }
    public required ServiceProcess ProxyFloor { get; init; }

    public required Uri EdgeHttp { get; init; }
    public required Uri EdgeGrpc { get; init; }
    public required Uri CloudBatchedHttp { get; init; }
    public required Uri CloudUnbatchedHttp { get; init; }
    public required Uri RouterHttp { get; init; }

    /// <summary>YARP's direct forwarder in front of the edge node (h2c to its HTTP/2 port, as the router by default) and nothing else: the ceiling of any .NET router here.</summary>
    public required Uri ProxyFloorHttp { get; init; }

    public TimeSpan StartupTime { get; private set; }

    public IReadOnlyList<ServiceProcess> Services => _services;

    public static async Task<BenchMesh> StartAsync(string logDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(logDirectory);
        var started = Stopwatch.GetTimestamp();
        var ports = FreePort.Take(10);
        // Authentication stays on, as deployed; inference (all the bench sends) is open by default.
        var signingKey = HybridInference.Security.DevTokens.NewSigningKey();

        Dictionary<string, string> Common(params (string Key, string Value)[] extra)
        {
            var env = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["DOTNET_gcServer"] = "0",
                ["Logging__LogLevel__Default"] = "Warning",
                ["ConnectionStrings__store"] = $"127.0.0.1:{ports[0]}",
                ["ModelRepository__Path"] = RepositoryPaths.Models,
                ["Auth__SigningKey"] = signingKey,

                // No dashboard to export to: without an endpoint the OTLP exporter stays off.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            };
            foreach (var (key, value) in extra)
            {
                env[key] = value;
            }

            return env;
        }

        (string, string)[] Kestrel(int http, int grpc) =>
        [
            ("Kestrel__Endpoints__http__Url", $"http://127.0.0.1:{http}"),
            ("Kestrel__Endpoints__grpc__Url", $"http://127.0.0.1:{grpc}"),
        ];

        string Url(int port) => $"http://127.0.0.1:{port}";
        var mesh = new BenchMesh(logDirectory)
        {
            Store = ServiceProcess.Start("store", RepositoryPaths.ServiceDirectory("Store"), "Store",
                Common(("GARNET_PORT", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture))), logDirectory),
            Edge = ServiceProcess.Start("edge-1", RepositoryPaths.ServiceDirectory("EdgeInference"), "EdgeInference",
                Common([("Edge__DeviceId", "edge-1"), ("Edge__Site", "site-1"), ("Edge__Device__CapacityImagesPerSecond", "10000000"), .. Kestrel(ports[1], ports[2])]), logDirectory),
            CloudBatched = ServiceProcess.Start("cloud-batched", RepositoryPaths.ServiceDirectory("CloudInference"), "CloudInference",
                Common([("Serving__Defaults__DynamicBatching", "true"), ("Serving__Defaults__IntraOpThreads", "1"), .. Kestrel(ports[3], ports[4])]), logDirectory),
            CloudUnbatched = ServiceProcess.Start("cloud-unbatched", RepositoryPaths.ServiceDirectory("CloudInference"), "CloudInference",
                Common([("Serving__Defaults__DynamicBatching", "false"), ("Serving__Defaults__IntraOpThreads", "1"), .. Kestrel(ports[5], ports[6])]), logDirectory),
            Router = ServiceProcess.Start("router", RepositoryPaths.ServiceDirectory("Router"), "Router",
                Common([("Edges__Nodes__0", "edge-1"), ("Edges__Addresses__edge-1", Url(ports[1])), ("Edges__Http2Addresses__edge-1", Url(ports[2])), ("Cloud__Address", Url(ports[3])),
                    ("PredictionLog__SpoolDirectory", Path.Combine(logDirectory, "spool")), .. Kestrel(ports[7], ports[8])]), logDirectory),
            ProxyFloor = ServiceProcess.Start("proxy-floor", RepositoryPaths.BenchDirectory("ProxyFloor"), "ProxyFloor",
                Common(("ProxyFloor__Destination", Url(ports[2])), ("ProxyFloor__Http2", "true"), ("Kestrel__Endpoints__http__Url", Url(ports[9]))), logDirectory),
            EdgeHttp = new Uri(Url(ports[1])),
            EdgeGrpc = new Uri(Url(ports[2])),
            CloudBatchedHttp = new Uri(Url(ports[3])),
            CloudUnbatchedHttp = new Uri(Url(ports[5])),
            RouterHttp = new Uri(Url(ports[7])),
            ProxyFloorHttp = new Uri(Url(ports[9])),
        };
        mesh._services.AddRange([mesh.Store, mesh.Edge, mesh.CloudBatched, mesh.CloudUnbatched, mesh.Router, mesh.ProxyFloor]);
        try
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var timeout = TimeSpan.FromSeconds(120);
            await Task.WhenAll(
                mesh.Store.WaitListeningAsync(ports[0], timeout, cancellationToken),
                mesh.Edge.WaitReadyAsync(probe, new Uri(mesh.EdgeHttp, "/v2/health/ready"), timeout, cancellationToken),
                mesh.CloudBatched.WaitReadyAsync(probe, new Uri(mesh.CloudBatchedHttp, "/v2/health/ready"), timeout, cancellationToken),
                mesh.CloudUnbatched.WaitReadyAsync(probe, new Uri(mesh.CloudUnbatchedHttp, "/v2/health/ready"), timeout, cancellationToken),
                mesh.Router.WaitReadyAsync(probe, new Uri(mesh.RouterHttp, "/v2/health/ready"), timeout, cancellationToken),
                mesh.ProxyFloor.WaitReadyAsync(probe, new Uri(mesh.ProxyFloorHttp, "/v2/health/ready"), timeout, cancellationToken)).ConfigureAwait(false);
        }
        catch
        {
            mesh.Dispose();
            throw;
        }

        mesh.StartupTime = Stopwatch.GetElapsedTime(started);
        return mesh;
    }

    public void Dispose()
    {
        // The router first, so it does not log the others' disappearance as faults.
        foreach (var service in Enumerable.Reverse(_services))
        {
            service.Dispose();
        }
    }
}
