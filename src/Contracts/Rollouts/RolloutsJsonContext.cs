using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Rollouts;

/// <summary>
/// Source-generated serializer for the registry's rollout API: the registry writes and every client reads
/// through it. Enums keep their kebab-case converters (<c>rolled-back</c>) from the types' own attributes.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Rollout))]
[JsonSerializable(typeof(IReadOnlyList<Rollout>))]
[JsonSerializable(typeof(RolloutSpec))]
[JsonSerializable(typeof(RolloutStartRequest))]
[JsonSerializable(typeof(WebhookAnswer))]
[JsonSerializable(typeof(RolloutCommand))]
public sealed partial class RolloutsJsonContext : JsonSerializerContext;
