using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Cli.Http;

/// <summary>The CLI's own JSON shape (<see cref="ValidationProblem"/>), source-generated like the contracts' contexts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ValidationProblem))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
