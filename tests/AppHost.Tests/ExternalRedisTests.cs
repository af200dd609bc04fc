using Aspire.Hosting.Testing;
using HybridInference.TestSupport;
using StackExchange.Redis;

namespace HybridInference.AppHost.Tests;

/// <summary>Given ConnectionStrings:store, the AppHost starts no Garnet and every service uses that Redis.</summary>
public sealed class ExternalRedisTests(RedisApp app) : IClassFixture<RedisApp>
{
    [RequiresRedisFact]
    public void Model_HasNoGarnet()
    {
        var names = app.ResourceNames().ToHashSet();
        Assert.DoesNotContain("garnet", names);
        Assert.Contains("store", names);
    }

    [RequiresRedisFact]
    public async Task Services_WritePresenceIntoTheGivenRedis()
    {
        using var client = app.Client("router", "http");
        await PresenceClient.WaitForServicesAsync(client, RunningApp.Services);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(app.ConnectionString);
        var members = await redis.GetDatabase().SortedSetRangeByRankAsync("hi:presence");
        var services = members.Select(m => m.ToString().Split('@')[0]).ToHashSet();
        Assert.All(RunningApp.Services, service => Assert.Contains(service, services));
    }
}
