using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HybridInference.CloudInference.Tests.Apis;

/// <summary>Every way a request can be wrong gets a 4xx with the protocol's error body naming the problem, and the service stays ready.</summary>
public sealed class BadInputTests(CloudFactory factory) : IClassFixture<CloudFactory>
{
    private const string Infer = "/v2/models/fashion-cloud/infer";

    private readonly HttpClient _client = factory.CreateClient();

    private static string Input(string shape = "[1,784]", string datatype = "\"FP32\"", string? data = null, string name = "\"input\"") =>
        $$"""{"inputs":[{"name":{{name}},"shape":{{shape}},"datatype":{{datatype}},"data":{{data ?? "[" + string.Join(",", Enumerable.Repeat("0.5", 784)) + "]"}}}]}""";

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "malformed JSON", Infer, 400, "malformed JSON" },
        { "{\"inputs\": [", Infer, 400, "malformed JSON" },
        { "", Infer, 400, "the request body is empty" },
        { "{}", Infer, 400, "request has no 'inputs'" },
        { """{"inputs":[]}""", Infer, 400, "request has no 'inputs'" },
        { Input(name: "\"pixels\""), Infer, 400, "model 'fashion-cloud' has no input 'pixels'; its inputs are: input" },
        { Input(name: "null"), Infer, 400, "an input has no 'name'" },
        { Input(datatype: "\"FP64\""), Infer, 400, "input 'input' has datatype FP64 but model 'fashion-cloud' expects FP32" },
        { Input(datatype: "\"FLOAT\""), Infer, 400, "unknown datatype 'FLOAT'" },
        { Input(datatype: "null"), Infer, 400, "input 'input' has no 'datatype'" },
        { Input(shape: "[2,784]"), Infer, 400, "has 784 data elements but shape [2, 784] needs 1568" },
        { Input(shape: "[1,28,28]"), Infer, 400, "expects [-1, 784] (rank 2)" },
        { Input(shape: "[2,392]"), Infer, 400, "dimension 1 must be 784" },
        { Input(shape: "[-1,784]"), Infer, 400, "negative dimension -1" },
        { Input(shape: "[4611686018427387904,4611686018427387904]"), Infer, 400, "describes more than" },
        { Input(shape: "[]"), Infer, 400, "input 'input' has no 'shape'" },
        { Input(shape: "[0,784]", data: "[]"), Infer, 400, "empty batch" },
        { Input(shape: "[65,784]", data: "[" + string.Join(",", Enumerable.Repeat("0", 65 * 784)) + "]"), Infer, 400, "has a batch of 65 but model 'fashion-cloud' takes at most 64" },
        { Input(data: "[\"NaN\"" + string.Concat(Enumerable.Repeat(",0", 783)) + "]"), Infer, 400, "element 0 is NaN" },
        { Input(data: "[0,\"Infinity\"" + string.Concat(Enumerable.Repeat(",0", 782)) + "]"), Infer, 400, "element 1 is Infinity" },
        { Input(data: "[0,0,255" + string.Concat(Enumerable.Repeat(",0", 781)) + "]"), Infer, 400, "element 2 is 255, outside the model's range [0, 1]" },
        { Input(data: "[0,0,1e39" + string.Concat(Enumerable.Repeat(",0", 781)) + "]"), Infer, 400, "outside the model's range" },
        { Input(data: "[0,null" + string.Concat(Enumerable.Repeat(",0", 782)) + "]"), Infer, 400, "data element 1 is null" },
        { Input(data: "[0,1e400" + string.Concat(Enumerable.Repeat(",0", 782)) + "]"), Infer, 400, "element 1" },
        { Input(data: "[\"a\"" + string.Concat(Enumerable.Repeat(",\"b\"", 783)) + "]"), Infer, 400, "its data are not numbers" },
        { Input(data: "\"AAAA\""), Infer, 400, "data must be an array" },
        { """{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32"}]}""", Infer, 400, "input 'input' has no 'data'" },
        { Input().TrimEnd('}') + ""","outputs":[{"name":"logits"}]}""", Infer, 400, "has no output 'logits'" },
        { Input().TrimEnd('}') + ""","parameters":{"top_class":1}}""", Infer, 400, "parameter 'top_class' must be true or false" },
        { Input(), "/v2/models/resnet50/infer", 404, "unknown model 'resnet50'; this server serves: fashion-cloud, fashion-edge" },
        { Input(), "/v2/models/fashion-cloud/versions/9/infer", 404, "model 'fashion-cloud' has no version '9'; served versions: 2, 1" },
        { Input(), "/v2/models/fashion-cloud/versions/abc/infer", 404, "has no version 'abc'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Infer_BadRequest_IsRefusedWithANamedProblemAndServiceStaysReady(string body, string path, int status, string expected)
    {
        using var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains(expected, error);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Infer_BodyOverLimit_Is413()
    {
        var body = Input().TrimEnd('}') + ",\"id\":\"" + new string('x', CloudFactory.BodyLimit) + "\"}";

        using var response = await _client.PostAsync(Infer, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("exceeds the limit of 1048576 bytes (Serving:MaxRequestBodyBytes)", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Infer_ChunkedBodyOverLimit_Is413WithoutContentLength()
    {
        var bytes = Encoding.UTF8.GetBytes(Input().TrimEnd('}') + ",\"id\":\"" + new string('x', CloudFactory.BodyLimit) + "\"}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");

        using var response = await _client.PostAsync(Infer, content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("/v2/models/resnet50", "unknown model 'resnet50'")]
    [InlineData("/v2/models/fashion-cloud/versions/3", "has no version '3'")]
    [InlineData("/v2/models/fashion-cloud/versions/3/ready", "has no version '3'")]
    public async Task Metadata_UnknownModelOrVersion_Is404WithErrorBody(string path, string expected)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Infer_HundredsOfGeneratedMalformedRequests_NeverAnswer5xx()
    {
        var valid = Input(shape: "[1,784]").TrimEnd('}') + ""","parameters":{"top_class":true},"outputs":[{"name":"probabilities","parameters":{"classification":2}},{"name":"top_class"}]}""";
        var random = new Random(11);
        const string alphabet = "{}[]\",:0123456789.-eE truefalsnNaI\\";
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < 400; i++)
        {
            var mutated = new StringBuilder(valid);
            for (var m = 0; m < 1 + (i % 5); m++)
            {
                // Mutate mostly the structural head of the request, where the interesting damage is.
                var at = random.Next(i % 2 == 0 ? Math.Min(mutated.Length, 120) : mutated.Length);
                switch (random.Next(3))
                {
                    case 0: mutated[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: mutated.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: mutated.Remove(at, Math.Min(mutated.Length - at, random.Next(1, 6))); break;
                }
            }

            using var response = await _client.PostAsync(Infer, new StringContent(mutated.ToString(), Encoding.UTF8, "application/json"));
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            Assert.True(code < 500, $"{code} for {mutated}: {await response.Content.ReadAsStringAsync()}");
            if (code != 200)
            {
                Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
            }
        }

        Assert.True(statuses.GetValueOrDefault(400) > 200, string.Join(", ", statuses));
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        using var ready = await _client.GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var good = await _client.PostAsync(Infer, new StringContent(Input(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }
}
