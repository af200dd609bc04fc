using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>
/// The node's stored device credential: <c>Fleet:Enrolment:CredentialFile</c>, else <c>device.credential</c> beside its
/// cached models. Written whole (a temporary file renamed over it) and readable by the node's user only, since whoever
/// reads it can act as the device.
/// </summary>
public sealed class DeviceCredentialFile(IOptions<FleetEnrolmentOptions> enrolment, IOptions<FleetAgentOptions> fleet, IOptions<EdgeOptions> edge, IHostEnvironment environment)
{
    public const string DefaultName = "device.credential";

    /// <summary>The file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(
        enrolment.Value.CredentialFile is { Length: > 0 } file ? file : System.IO.Path.Combine(fleet.Value.CacheDirectory, edge.Value.DeviceId, DefaultName),
        environment.ContentRootPath);

    /// <summary>Whether a credential is stored (a non-empty file).</summary>
    public bool Exists => File.Exists(Path) && File.ReadAllText(Path).Trim().Length > 0;

    /// <summary>Stores <paramref name="token"/>, replacing any earlier credential at once.</summary>
    public async Task SaveAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(token.AsMemory(), cancellationToken);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
