using System.Diagnostics;
using System.Net.Sockets;

namespace HybridInference.TestSupport;

/// <summary>A redis-server child process with no persistence, on a free loopback port.</summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>True where redis-server is installed, and always in CI so that its absence fails there.</summary>
    public static bool ShouldRun => FindExecutable() is not null || Environment.GetEnvironmentVariable("CI") is "true";

    public static string? FindExecutable()
    {
        var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/sbin");
        return paths.Select(p => Path.Combine(p, "redis-server")).FirstOrDefault(File.Exists);
    }

    public static RedisServerProcess Start()
    {
        var executable = FindExecutable()
            ?? throw new InvalidOperationException("redis-server is not installed; CI installs it with 'apt-get install -y redis-server'.");
        var port = FreePort.Next();
        var process = Process.Start(new ProcessStartInfo(executable)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", port);
                return new RedisServerProcess(process, port);
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} on port {port}");
                }

                Thread.Sleep(50);
            }
        }

        process.Kill();
        throw new TimeoutException($"redis-server did not listen on port {port} within 15 s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
