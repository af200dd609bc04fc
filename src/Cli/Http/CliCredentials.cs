using HybridInference.Clients.Credentials;

namespace HybridInference.Cli.Http;

/// <summary>
/// Where <c>hi</c>'s bearer token comes from, first found wins: <c>HI_TOKEN</c>, the token <c>hi login</c> saved
/// (<c>{config}/token</c>), the development operator token the AppHost writes at each start
/// (<c>{config}/operator.token</c>). The folder is <c>HI_CONFIG_DIR</c>, else <c>~/.hybridinference</c>.
/// </summary>
public sealed class CliCredentials(string directory, string? fromEnvironment)
{
    public static string DefaultDirectory { get; } =
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".hybridinference");

    public string Directory { get; } = directory;

    public string LoginFile => Path.Combine(Directory, "token");

    public string DevOperatorFile => Path.Combine(Directory, "operator.token");

    public string? Token =>
        !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment.Trim() : Read(LoginFile) ?? Read(DevOperatorFile);

    /// <summary>Saves <paramref name="token"/> for later commands, readable by this user only.</summary>
    public void Save(string token)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(LoginFile, token.Trim());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(LoginFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Forgets the saved token; false when there was none.</summary>
    public bool Forget()
    {
        if (!File.Exists(LoginFile))
        {
            return false;
        }

        File.Delete(LoginFile);
        return true;
    }

    public IAccessTokenSource Source() => new Fixed(Token);

    private static string? Read(string path) =>
        File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;

    private sealed class Fixed(string? token) : IAccessTokenSource
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
    }
}
