using Garnet;

namespace HybridInference.Store;

/// <summary>
/// A Garnet server in this process: the development store that needs neither Docker nor a package
/// install. Tests start one on a free port the same way the AppHost's <c>garnet</c> resource does.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;

    /// <param name="password">Clients must AUTH with it (Garnet's password mode); null: no authentication, for tests on loopback.</param>
    public EmbeddedGarnet(string bindAddress, int port, string? dataDirectory = null, string? password = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Port = port;
        List<string> args = ["--bind", bindAddress, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            // AOF with a checkpoint directory keeps development state across an AppHost restart.
            args.AddRange(["--aof", "--checkpointdir", dataDirectory, "--logdir", dataDirectory, "--recover"]);
        }

        if (!string.IsNullOrEmpty(password))
        {
            args.AddRange(["--auth", "Password", "--password", password]);
        }

        _server = new GarnetServer([.. args]);
        _server.Start();
    }

    public int Port { get; }

    public void Dispose() => _server.Dispose();
}
