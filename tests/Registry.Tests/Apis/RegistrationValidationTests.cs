using System.Net;
using System.Text.Json.Nodes;

namespace HybridInference.Registry.Tests.Apis;

/// <summary>Everything wrong with an upload is refused with a status and a message naming the problem.</summary>
public sealed class RegistrationValidationTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string model, HttpContent content)
    {
        using var client = host.Factory.CreateClient();
        using var response = await client.PostAsync($"/api/models/{model}/versions", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] Edge => RegistryHost.ModelBytes("fashion-edge");

    [Fact]
    public async Task NotMultipart_400()
    {
        var (status, body) = await PostAsync("m1", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("multipart/form-data", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingModelFile_400()
    {
        var (status, body) = await PostAsync("m1", RegistryHost.Form(null, RegistryHost.CardAs("fashion-edge", "m1")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'model'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCard_400()
    {
        var (status, body) = await PostAsync("m1", RegistryHost.Form(Edge, null));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'card'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardNotJson_400()
    {
        var form = RegistryHost.Form(Edge, null);
        form.Add(new StringContent("{not json"), "card");
        var (status, body) = await PostAsync("m1", form);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not valid JSON", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidModelName_400()
    {
        var (status, body) = await PostAsync("Bad%20Name", RegistryHost.Form(Edge, RegistryHost.CardAs("fashion-edge", "Bad Name")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("model name 'Bad Name' is invalid", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadParentOrTags_AreNamed()
    {
        var (status, body) = await PostAsync("m1", RegistryHost.Form(Edge, RegistryHost.CardAs("fashion-edge", "m1"), parent: "zero"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'parent'", body, StringComparison.Ordinal);

        (status, body) = await PostAsync("m1", RegistryHost.Form(Edge, RegistryHost.CardAs("fashion-edge", "m1"), tags: "[1,2]"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'tags'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncompleteCard_422_ListsEveryMissingField()
    {
        var card = new JsonObject { ["name"] = "m2" };
        var (status, body) = await PostAsync("m2", RegistryHost.Form(Edge, card));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        foreach (var field in new[] { "card.inputs", "card.outputs", "card.file.sha256", "card.dataset.name", "card.dataset.fileSha256", "card.training", "card.evaluation.testAccuracy" })
        {
            Assert.Contains(field, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CardDescribingAnotherFile_422()
    {
        var (status, body) = await PostAsync("m3", RegistryHost.Form(Edge, RegistryHost.CardAs("fashion-cloud", "m3")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("does not match the uploaded file's sha256:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardNameMismatch_422()
    {
        var (status, body) = await PostAsync("m4", RegistryHost.Form(Edge, RegistryHost.Card("fashion-edge")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("'fashion-edge' does not match the model 'm4'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAnOnnxFile_422_AndNothingStored()
    {
        var garbage = "this is not a model"u8.ToArray();
        var card = RegistryHost.CardAs("fashion-edge", "m5");
        card["file"]!["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(garbage));

        var (status, body) = await PostAsync("m5", RegistryHost.Form(garbage, card));
        using var client = host.Factory.CreateClient();
        using var model = await client.GetAsync("/api/models/m5");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("ONNX Runtime cannot load the file", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
    }

    [Fact]
    public async Task SignatureDifferentFromCard_422()
    {
        var card = RegistryHost.CardAs("fashion-edge", "m6");
        card["inputs"]![0]!["name"] = "pixels";
        var (status, body) = await PostAsync("m6", RegistryHost.Form(Edge, card));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("the card declares input 'pixels'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownParent_422()
    {
        var (status, body) = await PostAsync("m7", RegistryHost.Form(Edge, RegistryHost.CardAs("fashion-edge", "m7"), parent: "5"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("parent: version 5 of 'm7' does not exist", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyFile_422()
    {
        var (status, body) = await PostAsync("m8", RegistryHost.Form([], RegistryHost.CardAs("fashion-edge", "m8")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("empty", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileOverLimit_413_AndServiceStaysHealthy()
    {
        await using var small = host.Create(seed: null, maxArtifactBytes: 4096);
        using var client = small.CreateClient();

        using var response = await client.PostAsync("/api/models/m9/versions", RegistryHost.Form(Edge, RegistryHost.CardAs("fashion-edge", "m9")));
        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Registry:MaxArtifactBytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
