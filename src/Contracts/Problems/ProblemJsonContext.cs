using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Problems;

/// <summary>Source-generated serializer for <see cref="Problem"/> bodies.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Problem))]
public sealed partial class ProblemJsonContext : JsonSerializerContext;
