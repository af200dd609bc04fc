using HybridInference.TestSupport;

namespace HybridInference.AppHost.Tests;

/// <summary>The AppHost given a real redis-server's address, as in CI and production.</summary>
public sealed class RedisApp : RunningApp, IDisposable
{
    private readonly RedisServerProcess? _redis = RedisServerProcess.ShouldRun ? RedisServerProcess.Start() : null;

    public string ConnectionString => _redis is null
        ? throw new InvalidOperationException("redis-server is not installed")
        : $"127.0.0.1:{_redis.Port}";

    protected override bool ShouldStart => _redis is not null;

    protected override string[] Arguments => [$"ConnectionStrings:store={ConnectionString}"];

    public void Dispose() => _redis?.Dispose();
}
