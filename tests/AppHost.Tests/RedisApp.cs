using HybridInference.TestSupport;

namespace HybridInference.AppHost.Tests;

/// <summary>The AppHost given a real redis-server's address, as in CI and production.</summary>
public sealed class RedisApp : RunningApp, IDisposable
{
    private readonly RedisServerProcess _redis = RedisServerProcess.Start();

    public string ConnectionString => $"127.0.0.1:{_redis.Port}";

    protected override string[] Arguments => [$"ConnectionStrings:store={ConnectionString}"];

    public void Dispose() => _redis.Dispose();
}
