using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace HybridInference.AppHost.Tests;

/// <summary>Bad AppHost settings stop it before anything starts, with a message naming the setting.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("ConnectionStrings:store=bogus=1", "ConnectionStrings:store")]
    [InlineData("ConnectionStrings:store=,,,", "ConnectionStrings:store")]
    [InlineData("Fleet:EdgeNodes=0", "Fleet:EdgeNodes")]
    [InlineData("Fleet:Sites:0=Not A Site", "Fleet:Sites")]
    public async Task AppHost_BadSetting_FailsNamingIt(string argument, string setting)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([argument], cts.Token);
            await using var app = await builder.BuildAsync(cts.Token);
        });

        var messages = Flatten(ex).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains(setting, StringComparison.Ordinal));
        Assert.Contains(Flatten(ex), e => e is DistributedApplicationException);
    }

    private static IEnumerable<Exception> Flatten(Exception ex)
    {
        for (var current = ex; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
