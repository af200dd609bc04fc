using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.EdgeInference.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>
/// The registry sends a desired state once. A node whose download of it fails while its fleet stream stays open
/// must try again by itself: here the real registry streams the state, and the artifact host answers 404 until
/// the test puts the bytes there.
/// </summary>
public sealed class DesiredStateRetryTests
{
    [Fact]
    public async Task DownloadFails_WhileTheStreamStaysOpen_TheNodeTriesAgain_AndServesTheNewVersion()
    {
        var http = new ReservedPort();
        var grpc = new ReservedPort();
        http.Dispose();
        grpc.Dispose();
        await using var registry = new RegistryServer(http.Port, grpc.Port);
        await using var artifacts = await ArtifactServer.StartAsync();
        var (version, digest, bytes) = await DistinctVersions.RegisterAsync(registry.Client);
        artifacts.Signed = (digest, bytes.Length);

        await using var edge = new EdgeFactory();
        edge.Settings["Fleet:RegistryHttpAddress"] = artifacts.Address;
        edge.Settings["Fleet:RegistryGrpcAddress"] = $"http://127.0.0.1:{grpc.Port}";
        edge.Settings["Fleet:ReconnectMinSeconds"] = "1";
        edge.Settings["Fleet:ReconnectMaxSeconds"] = "1";
        await edge.InitializeAsync();
        var running = edge.Services.GetRequiredService<RunningModel>();
        Assert.True(await EventuallyAsync(async () => (await registry.Client.GetAsync("/api/fleet/devices/edge-test")).IsSuccessStatusCode, TimeSpan.FromSeconds(20)),
            "the node never registered");

        using var put = await registry.Client.PutAsJsonAsync("/api/fleet/devices/edge-test/desired",
            new { model = "fashion-edge", version, actor = "retry-test", reason = "artifact not there yet" });
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        Assert.True(await EventuallyAsync(() => Task.FromResult(artifacts.Downloads >= 2), TimeSpan.FromSeconds(20)),
            $"the node asked for the artifact {artifacts.Downloads} time(s); a failed download must be tried again");
        Assert.NotEqual(digest, running.Current?.Digest);

        // The artifact appears; nothing is sent to the node again.
        artifacts.Artifacts[digest] = bytes;
        Assert.True(await EventuallyAsync(() => Task.FromResult(running.Current?.Digest == digest), TimeSpan.FromSeconds(20)),
            $"the node still serves {running.Current?.Version} after the artifact became available");
        Assert.Equal(version, running.Current!.Version);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
