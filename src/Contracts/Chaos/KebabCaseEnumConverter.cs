using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Contracts.Chaos;

/// <summary>
/// The enum spelling of ChaosLab's API and of the faults in the store: kebab-case names (<c>link-latency</c>,
/// <c>fail-fast</c>, <c>running</c>), never numbers. On the enum types themselves, so every serializer (a source-generated
/// client, the store's options, an API's) writes and reads the same names.
/// </summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
