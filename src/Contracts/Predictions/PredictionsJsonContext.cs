using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Predictions;

/// <summary>Source-generated serializer for the prediction log's API: the log writes and every client reads through it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictionSummary))]
public sealed partial class PredictionsJsonContext : JsonSerializerContext;
