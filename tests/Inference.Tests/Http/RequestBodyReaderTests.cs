using HybridInference.Contracts.Oip;
using System.Text;
using HybridInference.Inference.Http;
using HybridInference.Inference.Serving;

namespace HybridInference.Inference.Tests.Http;

public class RequestBodyReaderTests
{
    [Theory]
    [InlineData("", "the request body is empty")]
    [InlineData("null", "the request body is null")]
    [InlineData("{\"inputs\": [", "malformed JSON")]
    [InlineData("{'inputs': []}", "malformed JSON")]
    [InlineData("{\"inputs\": 5}", "malformed JSON")]
    [InlineData("{\"inputs\": [{\"shape\": \"1x784\"}]}", "malformed JSON")]
    [InlineData("{\"inputs\": [{\"shape\": [99999999999999999999]}]}", "malformed JSON")]
    [InlineData("[1, 2, 3]", "malformed JSON")]
    public void Parse_Unusable_Is400NamingWhy(string body, string expected)
    {
        var error = Assert.Throws<OipException>(() => RequestBodyReader.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_Malformed_SaysWhere()
    {
        var error = Assert.Throws<OipException>(() => RequestBodyReader.Parse("{\"inputs\": [{\"name\": \"input\",}]}"u8));

        Assert.Contains("LineNumber: 0", error.Message);
    }

    [Fact]
    public void Parse_GeneratedGarbage_OnlyEverRefusesWith400()
    {
        // Several hundred mutations of a valid request: truncations, byte flips, insertions. Each must
        // parse or be refused with a 400, never throw anything else.
        var valid = Encoding.UTF8.GetBytes("""{"id":"x","parameters":{"top_class":true},"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[[0.1,0.2],[0.3,0.4]]}],"outputs":[{"name":"probabilities","parameters":{"classification":2}}]}""");
        var random = new Random(7);
        byte[] alphabet = "{}[]\",:0123456789.-eE truefalsnNaI\\"u8.ToArray();
        for (var i = 0; i < 600; i++)
        {
            var mutated = valid.ToList();
            for (var m = 0; m < 1 + (i % 4); m++)
            {
                var at = random.Next(mutated.Count);
                switch (random.Next(3))
                {
                    case 0: mutated[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: mutated.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: mutated.RemoveRange(at, Math.Min(mutated.Count - at, random.Next(1, 8))); break;
                }
            }

            try
            {
                RequestBodyReader.Parse(mutated.ToArray());
            }
            catch (OipException ex)
            {
                Assert.Equal(400, ex.StatusCode);
            }
        }
    }
}
