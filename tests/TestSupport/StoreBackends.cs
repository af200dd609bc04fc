using HybridInference.Store;

namespace HybridInference.TestSupport;

/// <summary>
/// The two real servers the store suite runs against: embedded Garnet (the development default) and
/// Debian's redis-server (production's Redis). Each starts once per test class on a free loopback port.
/// </summary>
public sealed class StoreBackends : IDisposable
{
    public const string Garnet = "garnet";
    public const string Redis = "redis";

    private readonly Lazy<EmbeddedGarnet> _garnet = new(() => new EmbeddedGarnet("127.0.0.1", FreePort.Next()));
    private readonly Lazy<RedisServerProcess> _redis = new(RedisServerProcess.Start);

    /// <summary>
    /// Backends to test: Garnet always; Redis when redis-server is installed, and always in CI, so that a
    /// CI machine without it fails loudly instead of silently testing one backend.
    /// </summary>
    public static TheoryData<string> Available()
    {
        var data = new TheoryData<string> { Garnet };
        if (RedisServerProcess.ShouldRun)
        {
            data.Add(Redis);
        }

        return data;
    }

    public string ConnectionString(string backend) => backend switch
    {
        Garnet => $"127.0.0.1:{_garnet.Value.Port}",
        Redis => $"127.0.0.1:{_redis.Value.Port}",
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "unknown store backend"),
    };

    public void Dispose()
    {
        if (_garnet.IsValueCreated)
        {
            _garnet.Value.Dispose();
        }

        if (_redis.IsValueCreated)
        {
            _redis.Value.Dispose();
        }
    }
}
