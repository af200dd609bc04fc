using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HybridInference.Registry.Tests;

/// <summary>
/// The registry in-process on a real store (embedded Garnet, or redis-server where installed), with its own
/// artifact directory and key prefix, seeded from the committed model repository. One per test class;
/// one registry per backend, started on first use.
/// </summary>
public sealed class RegistryHost : IAsyncLifetime
{
    private readonly StoreBackends _stores = new();
    private readonly string _artifacts = Directory.CreateTempSubdirectory("hi-registry-").FullName;
    private readonly Dictionary<string, WebApplicationFactory<Program>> _registries = [];
    private readonly List<WebApplicationFactory<Program>> _extra = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The seeded registry on Garnet.</summary>
    public WebApplicationFactory<Program> Factory => _registries[StoreBackends.Garnet];

    /// <summary>A client of the seeded registry on <paramref name="backend"/>, once it has finished seeding.</summary>
    public async Task<HttpClient> ClientAsync(string backend = StoreBackends.Garnet) => (await FactoryAsync(backend)).CreateClient();

    /// <summary>The seeded registry on <paramref name="backend"/>, once it has finished seeding.</summary>
    public async Task<WebApplicationFactory<Program>> FactoryAsync(string backend = StoreBackends.Garnet)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_registries.TryGetValue(backend, out var factory))
            {
                factory = Create(RepositoryRoot.Combine("models"), store: _stores.ConnectionString(backend), track: false);
                using (var client = factory.CreateClient())
                {
                    await HealthWait.UntilHealthyAsync(client);
                }
                _registries[backend] = factory;
            }

            return factory;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Another registry over the same Garnet and artifacts, with other settings; disposed with the host.</summary>
    public WebApplicationFactory<Program> Create(string? seed, long? maxArtifactBytes = null, string? store = null, bool track = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new ServiceFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:store", store ?? _stores.ConnectionString(StoreBackends.Garnet));
            web.UseSetting("Store:KeyPrefix", Prefix);
            web.UseSetting("Store:ConnectTimeoutMs", "500");
            web.UseSetting("Registry:ArtifactDirectory", _artifacts);
            web.UseRegistrySigningKey();
            web.UseSetting("Registry:SeedDirectory", seed);
            if (maxArtifactBytes is { } max)
            {
                web.UseSetting("Registry:MaxArtifactBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            foreach (var (key, value) in TestEnrolment.RegistrySettings.Concat(settings ?? new Dictionary<string, string?>()))
            {
                web.UseSetting(key, value);
            }
        });
        if (track)
        {
            _extra.Add(factory);
        }

        return factory;
    }

    public async Task InitializeAsync() => (await ClientAsync()).Dispose();

    public async Task DisposeAsync()
    {
        foreach (var factory in _registries.Values.Concat(_extra))
        {
            await factory.DisposeAsync();
        }

        _stores.Dispose();
        _gate.Dispose();
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
