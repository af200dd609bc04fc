using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HybridInference.Bench.Payloads;

namespace HybridInference.Bench.Suite;

/// <summary>
/// Line 8 as the README's user sees it: from <c>dotnet run --project src/AppHost</c> (build up to date) until
/// the whole system is up. Headless there is no dashboard to read, so "up" is: the router's <c>/health</c>
/// answers 200 on its fixed port 8080 (the AppHost starts the router only after the cloud and every edge node
/// are healthy) and every other service, registry and chaoslab included, has announced itself in the store
/// (<c>/admin/instances</c>). Returns null with the reason when it cannot be measured here.
/// </summary>
public static class AppHostStartup
{
    private static readonly string[] Roles = ["registry", "cloud", "edge", "router", "chaoslab"];

    public static async Task<(TimeSpan? Elapsed, string Note)> MeasureAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!PortFree(8080) || !PortFree(18888))
        {
            return (null, "ports 8080/18888 are in use (another AppHost runs on this machine)");
        }

        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The admin read needs the operator token, which the AppHost writes when it starts; this run's goes to a file of its own.
        var tokenFile = Path.Combine(Directory.CreateTempSubdirectory("hi-bench-auth-").FullName, "operator.token");
        foreach (var arg in new[] { "run", "--project", "src/AppHost", "--", $"Auth:OperatorTokenFile={tokenFile}" })
        {
            info.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet run did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (Stopwatch.GetElapsedTime(started) < timeout)
            {
                if (process.HasExited)
                {
                    return (null, $"the AppHost exited with code {process.ExitCode}");
                }

                if (await AllUpAsync(client, tokenFile, cancellationToken).ConfigureAwait(false))
                {
                    return (Stopwatch.GetElapsedTime(started), "dotnet run --project src/AppHost until the router is healthy and every service announced itself");
                }

                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }

            return (null, $"not all resources up within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> AllUpAsync(HttpClient client, string tokenFile, CancellationToken cancellationToken)
    {
        try
        {
            using var health = await client.GetAsync(new Uri("http://localhost:8080/health"), cancellationToken).ConfigureAwait(false);
            if (!health.IsSuccessStatusCode || !File.Exists(tokenFile))
            {
                return false;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("http://localhost:8080/admin/instances"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim());
            using var answer = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccessStatusCode)
            {
                return false;
            }

            using var instances = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var roles = instances.RootElement.EnumerateArray()
                .Select(i => i.TryGetProperty("role", out var role) ? role.GetString() : null)
                .ToHashSet();
            return Roles.All(roles.Contains);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool PortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
