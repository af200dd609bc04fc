using Microsoft.Extensions.Options;

namespace HybridInference.Clients.Credentials;

/// <summary>
/// The token of <see cref="ClientCredentialsOptions"/>: the file's content when a file is named, else the configured
/// token, else none. The file is read again when its write time changes, looked at no more than once per
/// <see cref="RecheckInterval"/>: the router's tier clients ask on every inference call, and a file system call per
/// request would be work on the hot path for a token that rotates every few minutes at most.
/// </summary>
public sealed class ConfiguredAccessTokenSource(IOptionsMonitor<ClientCredentialsOptions> options, TimeProvider time) : IAccessTokenSource
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private (string Path, DateTime Written, string? Token, DateTimeOffset CheckedAt)? _file;

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        if (!string.IsNullOrWhiteSpace(current.TokenFile))
        {
            return ValueTask.FromResult(FromFile(current.TokenFile));
        }

        return ValueTask.FromResult(string.IsNullOrWhiteSpace(current.Token) ? null : current.Token.Trim());
    }

    private string? FromFile(string path)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_file is { } cached && cached.Path == path && now - cached.CheckedAt < RecheckInterval)
            {
                return cached.Token;
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                _file = (path, default, null, now);
                return null;
            }

            if (_file is { } known && known.Path == path && known.Written == info.LastWriteTimeUtc)
            {
                _file = known with { CheckedAt = now };
                return known.Token;
            }

            var token = File.ReadAllText(path).Trim();
            _file = (path, info.LastWriteTimeUtc, token.Length == 0 ? null : token, now);
            return _file.Value.Token;
        }
    }
}
