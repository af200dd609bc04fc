namespace HybridInference.Storage.Tests;

public class StoreConnectionStringTests
{
    [Theory]
    [InlineData("127.0.0.1:6379")]
    [InlineData("localhost:6380,abortConnect=false")]
    [InlineData("redis.example:6379,password=secret,ssl=true")]
    public void TryParse_ValidRedisAddress_Succeeds(string value)
    {
        Assert.True(StoreConnectionString.TryParse(value, out var options, out var error), error);
        Assert.NotEmpty(options!.EndPoints);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("notakeyword=1", "not a Redis connection string")]
    [InlineData(",,,", "names no endpoint")]
    [InlineData("abortConnect=false", "names no endpoint")]
    public void TryParse_Malformed_FailsWithReason(string value, string expected)
    {
        Assert.False(StoreConnectionString.TryParse(value, out var options, out var error));
        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
