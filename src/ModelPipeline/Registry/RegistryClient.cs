using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace HybridInference.ModelPipeline.Registry;

/// <summary>
/// The registry's HTTP API as the pipeline uses it (see src/Registry/Apis): aliases, artifact download,
/// version registration, alias moves and rollout start. Transport failures and 5xx become
/// <see cref="RegistryUnavailableException"/>, 4xx <see cref="RegistryRejectedException"/> with the problem detail.
/// </summary>
public sealed class RegistryClient(HttpClient http, string actor)
{
    private const string ActorHeader = "X-Actor";

    public Uri? BaseAddress => http.BaseAddress;

    /// <summary>The version an alias points at, or null when the model has no such alias.</summary>
    public async Task<RegisteredVersion?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/models/{Uri.EscapeDataString(model)}/aliases/{Uri.EscapeDataString(alias)}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        return Version(await ReadAsync(response, cancellationToken));
    }

    /// <summary>The model's highest version, or null when it has none.</summary>
    public async Task<int?> GetLatestVersionAsync(string model, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/models/{Uri.EscapeDataString(model)}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await ReadAsync(response, cancellationToken);
        return body.TryGetProperty("latestVersion", out var latest) && latest.ValueKind == JsonValueKind.Number ? latest.GetInt32() : null;
    }

    /// <summary>An artifact's bytes, checked against its digest (sha256:hex) so a damaged download is never evaluated.</summary>
    public async Task<byte[]> DownloadAsync(string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{Uri.EscapeDataString(digest)}"), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new RegistryUnavailableException($"artifact {digest} downloaded as {actual}: the download was damaged");
        }

        return bytes;
    }

    /// <summary>Registers a version; registering the same bytes again returns the existing version (the registry dedupes by digest).</summary>
    public async Task<RegisteredVersion> RegisterAsync(string model, byte[] onnx, string cardJson, int? parent, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () =>
            {
                var form = new MultipartFormDataContent
                {
                    { new ByteArrayContent(onnx), "model", "model.onnx" },
                    { new StringContent(cardJson), "card", "model-card.json" },
                    { new StringContent(actor), "actor" },
                    { new StringContent(JsonSerializer.Serialize(tags)), "tags" },
                };
                if (parent is { } p)
                {
                    form.Add(new StringContent(p.ToString(System.Globalization.CultureInfo.InvariantCulture)), "parent");
                }

                return new HttpRequestMessage(HttpMethod.Post, $"api/models/{Uri.EscapeDataString(model)}/versions") { Content = form };
            },
            cancellationToken);
        return Version(await ReadAsync(response, cancellationToken));
    }

    public async Task SetAliasAsync(string model, string alias, int version, string reason, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, $"api/models/{Uri.EscapeDataString(model)}/aliases/{Uri.EscapeDataString(alias)}")
            {
                Content = JsonContent.Create(new { version, reason, actor }),
            },
            cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Starts a rollout of <paramref name="version"/> with the registry's default spec; returns its id.</summary>
    public async Task<string> StartRolloutAsync(string model, int version, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "api/rollouts") { Content = JsonContent.Create(new { model, candidateVersion = version }) },
            cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && await FindRolloutAsync(model, version, cancellationToken) is { } existing)
        {
            // A run that crashed after starting the rollout but before recording it finds its own rollout here.
            return existing;
        }

        var body = await ReadAsync(response, cancellationToken);
        return body.GetProperty("id").GetString() ?? throw new RegistryUnavailableException("the rollout answer has no id");
    }

    private async Task<string?> FindRolloutAsync(string model, int version, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/rollouts?count=200"), cancellationToken);
        var list = await ReadAsync(response, cancellationToken);
        return list.EnumerateArray()
            .Where(r => r.GetProperty("model").GetString() == model && r.GetProperty("candidate").GetInt32() == version)
            .Select(r => r.GetProperty("id").GetString())
            .FirstOrDefault();
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        using var request = create();
        request.Headers.Add(ActorHeader, actor);
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Dispose();
                throw new RegistryUnavailableException($"registry {http.BaseAddress}: {request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text}");
            }

            return response;
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryUnavailableException($"registry {http.BaseAddress} unreachable: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnavailableException($"registry {http.BaseAddress}: {request.Method} {request.RequestUri} timed out", ex);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var detail = text;
        try
        {
            using var problem = JsonDocument.Parse(text);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.ToString() : text;
            if (problem.RootElement.TryGetProperty("errors", out var errors))
            {
                detail += " " + errors;
            }
        }
        catch (JsonException)
        {
            // Not a problem document: the raw text is the best message there is.
        }

        throw new RegistryRejectedException($"registry refused {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {detail}", (int)response.StatusCode);
    }

    private static RegisteredVersion Version(JsonElement body) => new(
        body.GetProperty("name").GetString() ?? "",
        body.GetProperty("version").GetInt32(),
        body.GetProperty("digest").GetString() ?? "");
}
