namespace HybridInference.TestSupport;

/// <summary>
/// A fact that needs Debian's redis-server. Skipped with a reason on a machine without it (a new user's
/// first <c>dotnet test</c>), never skipped in CI (<c>CI=true</c>), where a missing server must fail.
/// </summary>
public sealed class RequiresRedisFactAttribute : FactAttribute
{
    public RequiresRedisFactAttribute()
    {
        if (!RedisServerProcess.ShouldRun)
        {
            Skip = "redis-server is not installed (apt-get install redis-server); CI always runs this test";
        }
    }
}
