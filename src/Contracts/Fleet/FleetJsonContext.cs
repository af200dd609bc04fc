using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Fleet;

/// <summary>
/// Source-generated serializers for the registry's fleet HTTP API (<c>/api/fleet</c>): the registry writes these
/// bodies and every client reads them through this context, with ASP.NET Core's web defaults (camelCase names).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeviceView))]
[JsonSerializable(typeof(DeviceView[]))]
[JsonSerializable(typeof(IReadOnlyList<DeviceView>))]
[JsonSerializable(typeof(DesiredState))]
[JsonSerializable(typeof(DesiredStateRequest))]
[JsonSerializable(typeof(TargetDesiredResult))]
[JsonSerializable(typeof(TelemetryRecord[]))]
[JsonSerializable(typeof(IReadOnlyList<TelemetryRecord>))]
[JsonSerializable(typeof(FleetAuditEntry[]))]
[JsonSerializable(typeof(IReadOnlyList<FleetAuditEntry>))]
[JsonSerializable(typeof(EnrolmentRequest))]
[JsonSerializable(typeof(DeviceCredential))]
[JsonSerializable(typeof(CredentialStatus))]
public sealed partial class FleetJsonContext : JsonSerializerContext;
