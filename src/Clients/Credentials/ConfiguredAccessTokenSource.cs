using Microsoft.Extensions.Options;

namespace HybridInference.Clients.Credentials;

/// <summary>
/// The token of <see cref="ClientCredentialsOptions"/>: the file's content when a file is named (read again when its
/// write time changes, so a rotated token is used from the next call on), else the configured token, else none.
/// </summary>
public sealed class ConfiguredAccessTokenSource(IOptionsMonitor<ClientCredentialsOptions> options) : IAccessTokenSource
{
    private readonly Lock _gate = new();
    private (string Path, DateTime Written, string Token)? _file;

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (!string.IsNullOrWhiteSpace(current.TokenFile))
        {
            return ValueTask.FromResult<string?>(FromFile(current.TokenFile));
        }

        return ValueTask.FromResult(string.IsNullOrWhiteSpace(current.Token) ? null : current.Token.Trim());
    }

    private string? FromFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        lock (_gate)
        {
            if (_file is { } cached && cached.Path == path && cached.Written == info.LastWriteTimeUtc)
            {
                return cached.Token.Length == 0 ? null : cached.Token;
            }

            var token = File.ReadAllText(path).Trim();
            _file = (path, info.LastWriteTimeUtc, token);
            return token.Length == 0 ? null : token;
        }
    }
}
