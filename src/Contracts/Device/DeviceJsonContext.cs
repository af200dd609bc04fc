using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Device;

/// <summary>Source-generated serializer for an edge node's device API (<c>/device</c>): the node writes it, the router reads it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeviceHealth))]
[JsonSerializable(typeof(DeviceFault))]
public sealed partial class DeviceJsonContext : JsonSerializerContext;
