using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Registry.Tests;

/// <summary>
/// The registry in-process on a real Garnet, with its own artifact directory and key prefix, seeded from
/// the committed model repository. One per test class.
/// </summary>
public sealed class RegistryHost : IAsyncLifetime
{
    private readonly EmbeddedGarnet _garnet = new("127.0.0.1", FreePort.Next());
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-registry-").FullName;

    public RegistryHost()
    {
        Factory = Create(seed: RepositoryRoot.Combine("models"));
    }

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public WebApplicationFactory<Program> Factory { get; private set; }

    public WebApplicationFactory<Program> Create(string? seed, long? maxArtifactBytes = null, string? store = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", store ?? $"127.0.0.1:{_garnet.Port}");
            web.UseSetting("Store:KeyPrefix", Prefix);
            web.UseSetting("Store:ConnectTimeoutMs", "500");
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseSetting("Registry:SeedDirectory", seed);
            if (maxArtifactBytes is { } max)
            {
                web.UseSetting("Registry:MaxArtifactBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

    public async Task InitializeAsync()
    {
        using var client = Factory.CreateClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var health = await client.GetAsync("/health");
            if (health.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the registry did not finish seeding");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _garnet.Dispose();
        Directory.Delete(_artifacts, recursive: true);
    }

    public static byte[] ModelBytes(string model) => File.ReadAllBytes(RepositoryRoot.Combine("models", model, "1", "model.onnx"));

    public static JsonObject Card(string model) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("models", model, "1", "model-card.json")))!.AsObject();

    /// <summary>A registration form as a user's curl -F would send it.</summary>
    public static MultipartFormDataContent Form(byte[]? model, JsonObject? card, string? actor = "tester", string? parent = null, string? tags = null)
    {
        var form = new MultipartFormDataContent();
        if (model is not null)
        {
            form.Add(new ByteArrayContent(model), "model", "model.onnx");
        }

        if (card is not null)
        {
            form.Add(new StringContent(card.ToJsonString()), "card", "model-card.json");
        }

        if (actor is not null)
        {
            form.Add(new StringContent(actor), "actor");
        }

        if (parent is not null)
        {
            form.Add(new StringContent(parent), "parent");
        }

        if (tags is not null)
        {
            form.Add(new StringContent(tags), "tags");
        }

        return form;
    }

    /// <summary>The committed card of <paramref name="source"/>, renamed for registration under <paramref name="asModel"/>.</summary>
    public static JsonObject CardAs(string source, string asModel)
    {
        var card = Card(source);
        card["name"] = asModel;
        return card;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());
}
