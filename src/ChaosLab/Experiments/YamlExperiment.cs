using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// Reads an experiment written in YAML (<c>experiments/{name}.yaml</c>) as the same JSON document, so one validator
/// judges both and names the same fields. Only plain scalars are typed (numbers, true/false, null, as YAML 1.2's
/// core schema reads them); a quoted scalar stays a string, so <c>version: "2"</c> is the text the file means.
/// </summary>
public static class YamlExperiment
{
    /// <summary>The JSON text of <paramref name="yaml"/>; false and a message naming the line when it is not readable YAML.</summary>
    public static bool TryConvert(string yaml, out string json, out string problem)
    {
        json = "";
        problem = "";
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1)
            {
                problem = $"the file must hold one YAML document (found {stream.Documents.Count})";
                return false;
            }

            json = Convert(stream.Documents[0].RootNode)?.ToJsonString() ?? "null";
            return true;
        }
        catch (YamlException ex)
        {
            problem = $"the file is not valid YAML: {ex.Message} (line {ex.Start.Line}, column {ex.Start.Column})";
            return false;
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(Key(c.Key), Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
    };

    private static string Key(YamlNode key) =>
        key is YamlScalarNode { Value: { } text } ? text : throw new YamlException(key.Start, key.End, "keys must be plain names");

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "null" or "~" or "" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
