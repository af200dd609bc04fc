using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace HybridInference.CloudInference.Tests.Apis;

/// <summary>Triton's binary tensor data extension over HTTP, as tritonclient.http sends it by default.</summary>
public sealed class BinaryTensorExtensionTests(CloudFactory factory) : IClassFixture<CloudFactory>
{
    private const string Infer = "/v2/models/fashion-cloud/versions/1/infer";

    private readonly HttpClient _client = factory.CreateClient();

    private static HttpContent Binary(string header, byte[] tensors, int? declaredHeaderLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var content = new ByteArrayContent([.. json, .. tensors]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", (declaredHeaderLength ?? json.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return content;
    }

    private static byte[] Pixels(int count) => MemoryMarshal.AsBytes(TestData.Batch(count).AsSpan()).ToArray();

    private static string Header(int count, string extra = "") =>
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[" + count + ",784],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":" + (count * 784 * 4) + "}}]" + extra + "}";

    private async Task<float[]> JsonProbabilitiesAsync(int count)
    {
        using var response = await _client.PostAsync(Infer, new StringContent(TestData.InferBody(count), Encoding.UTF8, "application/json"));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. json.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle())];
    }

    [Fact]
    public async Task BinaryInput_JsonOutput_EqualsAllJsonRequest()
    {
        using var response = await _client.PostAsync(Infer, Binary(Header(3), Pixels(3)));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await JsonProbabilitiesAsync(3), json.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()));
    }

    [Fact]
    public async Task BinaryOutput_ForWholeRequest_ReturnsHeaderThenRawFloats()
    {
        using var response = await _client.PostAsync(Infer, Binary(Header(2, ""","parameters":{"binary_data_output":true}"""), Pixels(2)));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        var headerLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        using var header = JsonDocument.Parse(body.AsMemory(0, headerLength));
        var output = header.RootElement.GetProperty("outputs")[0];
        Assert.Equal(80, output.GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.False(output.TryGetProperty("data", out _));
        Assert.Equal(await JsonProbabilitiesAsync(2), MemoryMarshal.Cast<byte, float>(body.AsSpan(headerLength)).ToArray());
    }

    [Fact]
    public async Task BinaryOutput_PerOutput_MixesJsonAndBinary()
    {
        var outputs = ""","outputs":[{"name":"probabilities"},{"name":"top_class","parameters":{"binary_data":true}}]""";

        using var response = await _client.PostAsync(Infer, Binary(Header(4, outputs), Pixels(4)));
        var body = await response.Content.ReadAsByteArrayAsync();

        var headerLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        using var header = JsonDocument.Parse(body.AsMemory(0, headerLength));
        Assert.Equal(40, header.RootElement.GetProperty("outputs")[0].GetProperty("data").GetArrayLength());
        var classes = MemoryMarshal.Cast<byte, long>(body.AsSpan(headerLength)).ToArray();
        Assert.Equal(4, classes.Length);
        Assert.Equal(TestData.Images.Labels[0], classes[0]);
    }

    [Theory]
    [InlineData(""""{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32","parameters":{"binary_data_size":3136}}]}"""", 3000, null, "declares 3136 bytes of binary data but only 3000 follow")]
    [InlineData(""""{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32","parameters":{"binary_data_size":3136}}]}"""", 3200, null, "carries 3200 bytes after the JSON header but the inputs' 'binary_data_size' add up to 3136")]
    [InlineData(""""{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32","parameters":{"binary_data_size":"big"}}]}"""", 3136, null, "parameter 'binary_data_size' must be a byte count")]
    [InlineData(""""{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32","parameters":{"binary_data_size":3135}}]}"""", 3135, null, "not a whole number of FP32 values")]
    [InlineData(""""{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32","parameters":{"binary_data_size":3136}}]}"""", 3136, 99999, "must be the length of the JSON header")]
    [InlineData(""""{"inputs":[{"name":"input","shape":[1,784],"datatype":"FP32","data":[1],"parameters":{"binary_data_size":3136}}]}"""", 3136, null, "has both 'data' and 'binary_data_size'")]
    public async Task BadBinaryRequest_Is400NamingTheProblem(string header, int tensorBytes, int? declaredHeaderLength, string expected)
    {
        using var response = await _client.PostAsync(Infer, Binary(header, new byte[tensorBytes], declaredHeaderLength));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
