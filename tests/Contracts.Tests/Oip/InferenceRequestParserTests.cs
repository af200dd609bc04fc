using System.Text;
using System.Text.Json;
using HybridInference.Contracts.Oip;

namespace HybridInference.Contracts.Tests.Oip;

/// <summary>
/// The fast path may only ever return what the serializer returns: every case is parsed both ways and
/// compared, and bodies outside the common shape must be declined so that the serializer handles them.
/// </summary>
public class InferenceRequestParserTests
{
    private const string Image =
        """{"id":"r1","parameters":{"priority":true,"site":"s-1"},"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","parameters":{"binary_data":false},"data":[0.0,0.011764705882352941,1,-2.5e-3]}],"outputs":[{"name":"probabilities"}]}""";

    [Theory]
    [InlineData(Image)]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32","data":[0.0, 0.5 ,1.0]}]}""")]
    [InlineData("{ \"inputs\" : [ { \"data\" : [ 1 ,\n2\t,\r\n3 ] , \"name\" : \"x\" } ] }")]
    [InlineData("""{"inputs":[{"data":[]}]}""")]
    [InlineData("""{"inputs":[{"data":[-0, 0e0, 1E+2, 1e-2, 123456789012345678901234567890, 0.1234567890123456789]}]}""")]
    [InlineData("""{"inputs":[{"data":[0.10, -0.0, 1e22, 1e23, 9007199254740993, 0.30000000000000004, 1E-22, 5e-324, 1.7976931348623157e308, -1e-400, 0.00000000000000000000000001, 1e0009]}]}""")]
    [InlineData("""{"inputs":[{"data":[1],"shape":null,"name":null,"datatype":null,"parameters":null}],"outputs":null,"id":null,"parameters":null}""")]
    [InlineData("""{"inputs":[{"data":[1]},{"data":[2,3]}]}""")]
    [InlineData("""{"inputs":null}""")]
    [InlineData("{}")]
    public void CommonShape_TakesTheFastPath_AndEqualsTheSerializer(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.True(InferenceRequestParser.TryParseFast(bytes, out var fast));
        Assert.Equal(Describe(Serializer(bytes)), Describe(fast));
    }

    [Theory]
    [InlineData("""{"inputs":[{"data":[[1,2],[3,4]]}]}""")]
    [InlineData("""{"inputs":[{"data":["NaN", 1]}]}""")]
    [InlineData("""{"inputs":[{"data":[true]}]}""")]
    [InlineData("""{"inputs":[{"data":[1e999]}]}""")]
    [InlineData("""{"inputs":[{"data":[01]}]}""")]
    [InlineData("""{"inputs":[{"data":[1.]}]}""")]
    [InlineData("""{"inputs":[{"data":[.5]}]}""")]
    [InlineData("""{"inputs":[{"data":[1,]}]}""")]
    [InlineData("""{"inputs":[{"data":[1 2]}]}""")]
    [InlineData("""{"inputs":[{"data":[1e]}]}""")]
    [InlineData("""{"inputs":[{"data":[-]}]}""")]
    [InlineData("""{"inputs":[{"data":[1]""")]
    [InlineData("""{"inputs":[{"data":{"a":1}}]}""")]
    [InlineData("""{"inputs":[{"data":[1],"extra":1}]}""")]
    [InlineData("""{"inputs":[{"data":[1],"data":[2]}]}""")]
    [InlineData("""{"id":"a","id":"b"}""")]
    [InlineData("""{"model":"x"}""")]
    [InlineData("""{"inputs":[{"d\u0061ta":[1]}]}""")]
    [InlineData("""{"inputs":[1]}""")]
    [InlineData("""{"inputs":{}}""")]
    [InlineData("""{} trailing""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void OtherShapes_AreDeclined_AndParseAgreesWithTheSerializer(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.False(InferenceRequestParser.TryParseFast(bytes, out _));
        Assert.Equal(Outcome(() => Serializer(bytes)), Outcome(() => InferenceRequestParser.Parse(bytes)));
    }

    /// <summary>Several thousand mutations of a valid body (bytes changed, dropped, doubled): Parse and the serializer agree on each.</summary>
    [Fact]
    public void MutatedBodies_ParseAgreesWithTheSerializer()
    {
        var random = new Random(20261128);
        var original = Encoding.UTF8.GetBytes(Image);
        const string alphabet = "0123456789.-+eE,[]{}\" :\ntfnul";
        var fastTaken = 0;
        for (var n = 0; n < 5000; n++)
        {
            var body = original.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(body.Count);
                switch (random.Next(3))
                {
                    case 0:
                        body[at] = (byte)alphabet[random.Next(alphabet.Length)];
                        break;
                    case 1:
                        body.RemoveAt(at);
                        break;
                    default:
                        body.Insert(at, body[at]);
                        break;
                }
            }

            var bytes = body.ToArray();
            fastTaken += InferenceRequestParser.TryParseFast(bytes, out _) ? 1 : 0;
            Assert.Equal(Outcome(() => Serializer(bytes)), Outcome(() => InferenceRequestParser.Parse(bytes)));
        }

        // The mutations must exercise both paths, or the comparison proves little.
        Assert.InRange(fastTaken, 100, 4900);
    }

    /// <summary>Random doubles written in several forms: every number the fast path reads must be the serializer's to the bit.</summary>
    [Fact]
    public void RandomNumbers_InEveryForm_ParseToTheSerializersBits()
    {
        var random = new Random(7);
        string[] formats = ["R", "G17", "E3", "E16", "F2", "F20", "0.################", "G5"];
        for (var n = 0; n < 200; n++)
        {
            var numbers = Enumerable.Range(0, 50).Select(_ =>
            {
                var magnitude = Math.Pow(10, random.Next(-30, 30)) * random.NextDouble();
                var value = random.Next(2) == 0 ? -magnitude : magnitude;
                return value.ToString(formats[random.Next(formats.Length)], System.Globalization.CultureInfo.InvariantCulture);
            });
            var bytes = Encoding.UTF8.GetBytes($$"""{"inputs":[{"data":[{{string.Join(",", numbers)}}]}]}""");
            Assert.True(InferenceRequestParser.TryParseFast(bytes, out var fast));
            Assert.Equal(Describe(Serializer(bytes)), Describe(fast));
        }
    }

    private static InferenceRequest? Serializer(byte[] bytes) => JsonSerializer.Deserialize(bytes, OipJsonContext.Default.InferenceRequest);

    private static string Outcome(Func<InferenceRequest?> parse)
    {
        try
        {
            return Describe(parse());
        }
        catch (JsonException ex)
        {
            return "JsonException: " + ex.Message;
        }
        catch (Exception ex)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>Everything a request holds, numbers to the bit, so equal text means equal requests.</summary>
    private static string Describe(InferenceRequest? request)
    {
        if (request is null)
        {
            return "null";
        }

        var text = new StringBuilder();
        text.Append("id=").Append(request.Id ?? "<null>").Append(" parameters=").Append(Parameters(request.Parameters));
        text.Append(" outputs=").Append(request.Outputs is null ? "<null>" : string.Join(";", request.Outputs.Select(o => $"{o.Name}:{Parameters(o.Parameters)}")));
        text.Append(" inputs=");
        if (request.Inputs is null)
        {
            return text.Append("<null>").ToString();
        }

        foreach (var input in request.Inputs)
        {
            text.Append($"[{input.Name ?? "<null>"} {input.Datatype ?? "<null>"} shape={(input.Shape is null ? "<null>" : string.Join(",", input.Shape))} parameters={Parameters(input.Parameters)} data=");
            var data = input.Data;
            text.Append(data is null
                ? "<null>"
                : $"problem={data.Problem} numbers={(data.Numbers is null ? "<null>" : string.Join(",", data.Numbers.Select(BitConverter.DoubleToInt64Bits)))} strings={(data.Strings is null ? "<null>" : string.Join(",", data.Strings))} booleans={(data.Booleans is null ? "<null>" : string.Join(",", data.Booleans))}");
            text.Append(']');
        }

        return text.ToString();
    }

    private static string Parameters(Dictionary<string, JsonElement>? parameters) =>
        parameters is null ? "<null>" : string.Join(",", parameters.Select(p => $"{p.Key}={p.Value.GetRawText()}"));
}
