using HybridInference.EdgeInference.Fleet;
using HybridInference.Contracts.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>Without a cached model the node records the repository's version it serves, with the file's digest.</summary>
public sealed class StartModelSettlerTests
{
    [Fact]
    public async Task Settle_NoCachedModel_RecordsTheRepositoryVersionWithItsDigest()
    {
        await using var edge = new EdgeFactory();
        await edge.InitializeAsync();

        await edge.Services.GetRequiredService<StartModelSettler>().SettleAsync(CancellationToken.None);
        var running = edge.Services.GetRequiredService<RunningModel>().Current;

        Assert.NotNull(running);
        Assert.Equal(("fashion-edge", 1L), (running.Name, running.Version));
        Assert.Equal((await Digest.OfFileAsync(TestData.EdgeOnnx, CancellationToken.None)).ToString(), running.Digest);
    }
}
