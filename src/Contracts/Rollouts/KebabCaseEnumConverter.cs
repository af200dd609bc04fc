using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Rollouts;

/// <summary>Writes enums as kebab-case strings (<c>rolled-back</c>) wherever they are serialized: the store, the API, webhooks.</summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
