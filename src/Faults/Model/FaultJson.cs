using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridInference.Faults.Model;

/// <summary>The one JSON shape of faults in the store and on the API: enums as kebab-case names (<c>link-latency</c>, <c>fail-fast</c>).</summary>
public static class FaultJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Adds the enum naming to other options (an API's), so both write the same names.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
