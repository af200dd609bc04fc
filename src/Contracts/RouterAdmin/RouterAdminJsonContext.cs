using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.RouterAdmin;

/// <summary>Source-generated serializers for the router's admin API (<c>/admin/...</c>), which the router writes and its clients read.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<EdgeView>))]
[JsonSerializable(typeof(IReadOnlyList<ServiceInstance>))]
[JsonSerializable(typeof(RoutingView))]
[JsonSerializable(typeof(CloudWeightsView))]
[JsonSerializable(typeof(CloudWeightsRequest))]
public sealed partial class RouterAdminJsonContext : JsonSerializerContext;
