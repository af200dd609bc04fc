using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>
/// Source-generated serializers for ChaosLab's API (<c>/api/faults</c>, <c>/api/experiments</c>), which ChaosLab writes
/// and its clients read. Nulls are left out, as ChaosLab writes them; enums carry their own kebab-case converter
/// (<see cref="KebabCaseEnumConverter{TEnum}"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Fault))]
[JsonSerializable(typeof(IReadOnlyList<Fault>))]
[JsonSerializable(typeof(FaultRequest))]
[JsonSerializable(typeof(ClearedFaults))]
[JsonSerializable(typeof(Experiment))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(RunStarted))]
[JsonSerializable(typeof(ActionDone))]
[JsonSerializable(typeof(ExperimentReport))]
[JsonSerializable(typeof(IReadOnlyList<ExperimentReport>))]
public sealed partial class ChaosJsonContext : JsonSerializerContext;
