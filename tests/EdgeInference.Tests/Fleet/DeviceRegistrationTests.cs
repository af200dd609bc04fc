using HybridInference.EdgeInference.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.EdgeInference.Tests.Fleet;

/// <summary>What a node tells the registry at registration: its identity from <c>Edge</c>, its hardware, and what it serves.</summary>
public sealed class DeviceRegistrationTests
{
    [Fact]
    public async Task Create_NamesTheDevice_ItsSiteAndGroup_AndTheModelItServesNow()
    {
        await using var edge = new EdgeFactory();
        await edge.InitializeAsync();
        var running = edge.Services.GetRequiredService<RunningModel>();
        running.Set(new RunningModelRef("fashion-edge", 3, "sha256:" + new string('c', 64)));

        var request = edge.Services.GetRequiredService<DeviceRegistration>().Create();

        Assert.Equal(("edge-test", "site-7", "canary"), (request.Device.DeviceId, request.Device.Site, request.Device.Group));
        Assert.StartsWith("simulated-gpu ", request.Device.Hardware, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(request.Device.SoftwareVersion));
        Assert.Equal(("fashion-edge", 3, "sha256:" + new string('c', 64)), (request.Model.Name, request.Model.Version, request.Model.Digest));
    }
}
