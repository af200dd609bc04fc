using System.Reflection;
using HybridInference.Contracts.Fleet.Grpc;
using HybridInference.EdgeInference.Device;
using Microsoft.Extensions.Options;

namespace HybridInference.EdgeInference.Fleet;

/// <summary>What the node tells the registry about itself when it registers: identity, hardware, software, model.</summary>
public sealed class DeviceRegistration(RunningModel running, IOptions<EdgeOptions> edge, IOptions<DeviceOptions> device)
{
    /// <summary>The node's device id (<c>Edge:DeviceId</c>), as its stream's hello names it.</summary>
    public string DeviceId => edge.Value.DeviceId;

    /// <summary>A registration as of now: the model is the one served at this moment.</summary>
    public RegisterRequest Create()
    {
        var identity = edge.Value;
        var request = new RegisterRequest
        {
            Device = new DeviceInfo
            {
                DeviceId = identity.DeviceId,
                Site = identity.Site,
                Group = identity.FleetGroup,
                Hardware = $"simulated-gpu {device.Value.MemoryTotalMiB:F0} MiB, {device.Value.CapacityImagesPerSecond:F0} images/s",
                SoftwareVersion = Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "0.0.0",
            },
        };
        if (running.Current is { } model)
        {
            request.Model = model.ToMessage();
        }

        return request;
    }
}
