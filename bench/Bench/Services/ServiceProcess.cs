using System.Diagnostics;
using System.Net.Sockets;

namespace HybridInference.Bench.Services;

/// <summary>
/// One service of the repository run as a plain process (<c>dotnet exec</c> of its build output), its output
/// kept in a log file; killed with its children on dispose.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly long _started;

    private ServiceProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
        _started = Stopwatch.GetTimestamp();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string LogPath { get; private init; } = "";

    /// <summary>From the start of the process to the moment it first answered ready; null until then.</summary>
    public TimeSpan? StartupTime { get; private set; }

    /// <summary>Starts <c>src/{project}</c>'s built dll with <paramref name="environment"/> added to this process's environment.</summary>
    public static ServiceProcess Start(string name, string directory, string project, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var dll = Path.Combine(directory, project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built; build bench/Bench (it builds the services in the same configuration)", dll);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", dll, "--contentRoot", directory })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var logPath = Path.Combine(logDirectory, name + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name}: dotnet did not start");
        var service = new ServiceProcess(name, process, log) { LogPath = logPath };
        process.OutputDataReceived += service.OnOutput;
        process.ErrorDataReceived += service.OnOutput;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until <paramref name="readyUrl"/> answers 2xx; throws with the log's tail when the process exits or the time is up.</summary>
    public async Task WaitReadyAsync(HttpClient client, Uri readyUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await WaitAsync(async () =>
        {
            using var response = await client.GetAsync(readyUrl, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until a TCP connection to <paramref name="port"/> is accepted (the store speaks RESP, not HTTP).</summary>
    public Task WaitListeningAsync(int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(async () =>
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            return true;
        }, timeout, cancellationToken);

    /// <summary>Resident set size now (VmRSS of /proc/{pid}/status) in bytes; null when the process is gone or /proc is absent.</summary>
    public long? ResidentBytes() => ProcessMemory.ResidentBytes(_process.Id);

    /// <summary>CPU time of the process's tiered-compilation thread so far; null when it cannot be read.</summary>
    public TimeSpan? TieredCompilationCpu() => TieredCompilation.CpuTime(_process.Id);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill: nothing left to stop.
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private async Task WaitAsync(Func<Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{Tail()}");
            }

            try
            {
                if (await probe().ConfigureAwait(false))
                {
                    StartupTime = Stopwatch.GetElapsedTime(_started);
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s:{Environment.NewLine}{Tail()}");
    }

    private string Tail()
    {
        lock (_log)
        {
            _log.Flush();
        }

        var lines = File.ReadLines(LogPath).TakeLast(30);
        return string.Join(Environment.NewLine, lines);
    }

    private void OnOutput(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.BaseStream.CanWrite)
            {
                _log.WriteLine(e.Data);
            }
        }
    }
}
