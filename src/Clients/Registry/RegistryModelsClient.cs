using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.Contracts.Registry;

namespace HybridInference.Clients.Registry;

/// <summary>
/// The registry's model and artifact API (<c>/api/models</c>, <c>/api/artifacts</c>): models, versions, aliases
/// with their audit trail, registration and artifact download. Every failure is an <see cref="ApiException"/>:
/// the registry's problem detail with its status, or unreachable.
/// </summary>
public sealed class RegistryModelsClient(HttpClient http)
{
    /// <summary>The service name in <see cref="ApiException"/> messages.</summary>
    public const string Service = "registry";

    /// <summary>The header the registry reads the actor of a change from, when the body names none.</summary>
    public const string ActorHeader = "X-Actor";

    /// <summary>The registry's address, as the messages of callers show it.</summary>
    public Uri? BaseAddress => http.BaseAddress;

    /// <summary>The registered model names, sorted.</summary>
    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, "api/models", RegistryJsonContext.Default.IReadOnlyListString, Service, cancellationToken);

    /// <summary>A model's versions (oldest first) and aliases; 404 when it has no version.</summary>
    public Task<ModelSummary> GetModelAsync(string model, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, ModelPath(model), RegistryJsonContext.Default.ModelSummary, Service, cancellationToken);

    /// <summary>One version; 404 when it does not exist.</summary>
    public Task<ModelVersion> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, $"{ModelPath(model)}/versions/{version.ToString(CultureInfo.InvariantCulture)}", RegistryJsonContext.Default.ModelVersion, Service, cancellationToken);

    /// <summary>The version an alias points at (<c>models:/name@alias</c>); 404 when there is no such alias.</summary>
    public Task<ModelVersion> GetAliasAsync(string model, string alias, CancellationToken cancellationToken = default) =>
        ApiCalls.GetAsync(http, AliasPath(model, alias), RegistryJsonContext.Default.ModelVersion, Service, cancellationToken);

    /// <summary>The version an alias points at, or null when the registry answers 404 (no such model or alias).</summary>
    public async Task<ModelVersion?> FindAliasAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAliasAsync(model, alias, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/>, recorded in the audit trail under
    /// <paramref name="actor"/>. With <paramref name="expectedVersion"/> the move happens only if the alias still
    /// points there (409 otherwise). Returns the version the alias now names.
    /// </summary>
    public Task<ModelVersion> MoveAliasAsync(string model, string alias, int version, string actor, string? reason = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var request = new HttpRequestMessage(HttpMethod.Put, AliasPath(model, alias))
        {
            Content = JsonContent.Create(new AliasChangeRequest(version, reason, actor, expectedVersion), RegistryJsonContext.Default.AliasChangeRequest),
        };
        request.Headers.Add(ActorHeader, actor);
        return ApiCalls.ReadAsync(http, request, RegistryJsonContext.Default.ModelVersion, Service, cancellationToken);
    }

    /// <summary>Removes an alias, recorded in the audit trail; 404 when there is no such alias.</summary>
    public async Task RemoveAliasAsync(string model, string alias, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var path = AliasPath(model, alias) + (reason is null ? "" : "?reason=" + Uri.EscapeDataString(reason));
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add(ActorHeader, actor);
        using var response = await ApiCalls.SendAsync(http, request, Service, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A model's registrations and alias moves, newest first (<paramref name="count"/> 1-1000, the registry's default 100).</summary>
    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string model, int? count = null, CancellationToken cancellationToken = default)
    {
        var path = $"{ModelPath(model)}/audit" + (count is { } n ? "?count=" + n.ToString(CultureInfo.InvariantCulture) : "");
        return ApiCalls.GetAsync(http, path, RegistryJsonContext.Default.IReadOnlyListAuditEntry, Service, cancellationToken);
    }

    /// <summary>
    /// Registers a version: the ONNX file and its card (model-card.json), optionally the parent version and tags.
    /// The same bytes registered again return the existing version (the registry dedupes by digest); a version the
    /// registry refuses is a 422 whose detail lists every problem.
    /// </summary>
    public Task<ModelVersion> RegisterVersionAsync(
        string model,
        Stream onnx,
        string cardJson,
        string actor,
        int? parent = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var form = new MultipartFormDataContent
        {
            { new StreamContent(onnx), "model", "model.onnx" },
            { new StringContent(cardJson), "card", "model-card.json" },
            { new StringContent(actor), "actor" },
            { new StringContent(JsonSerializer.Serialize(tags ?? new Dictionary<string, string>(), RegistryJsonContext.Default.IReadOnlyDictionaryStringString)), "tags" },
        };
        if (parent is { } p)
        {
            form.Add(new StringContent(p.ToString(CultureInfo.InvariantCulture)), "parent");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"{ModelPath(model)}/versions") { Content = form };
        request.Headers.Add(ActorHeader, actor);
        return ApiCalls.ReadAsync(http, request, RegistryJsonContext.Default.ModelVersion, Service, cancellationToken);
    }

    /// <summary>
    /// Opens the artifact <paramref name="digest"/> for reading as it arrives; disposing the stream ends the transfer.
    /// The caller checks what it read against the digest: the registry serves files, it cannot vouch for the link.
    /// </summary>
    public async Task<Stream> OpenArtifactAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/artifacts/{digest}");
        var response = await ApiCalls.SendAsync(http, request, Service, cancellationToken).ConfigureAwait(false);
        try
        {
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static string ModelPath(string model) => "api/models/" + Uri.EscapeDataString(model);

    private static string AliasPath(string model, string alias) => $"{ModelPath(model)}/aliases/{Uri.EscapeDataString(alias)}";
}
