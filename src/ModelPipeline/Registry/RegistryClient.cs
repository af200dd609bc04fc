using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HybridInference.Clients;
using HybridInference.Clients.Registry;
using HybridInference.Clients.Rollouts;
using HybridInference.Contracts.Registry;
using HybridInference.Contracts.Rollouts;

namespace HybridInference.ModelPipeline.Registry;

/// <summary>
/// The registry as the pipeline uses it, over <see cref="RegistryModelsClient"/>: aliases, artifact download,
/// version registration and alias moves under the run's actor, and rollout start. An unreachable registry or a
/// 5xx becomes <see cref="RegistryUnavailableException"/> (retry later), a 4xx <see cref="RegistryRejectedException"/>
/// with the problem detail.
/// </summary>
public sealed class RegistryClient(HttpClient http, string actor)
{
    private readonly RegistryModelsClient _models = new(http);
    private readonly RolloutsClient _rollouts = new(http);

    public Uri? BaseAddress => http.BaseAddress;

    /// <summary>The version an alias points at, or null when the model has no such alias.</summary>
    public Task<RegisteredVersion?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken) =>
        CallAsync($"read alias {model}@{alias}", async () => await _models.FindAliasAsync(model, alias, cancellationToken) is { } found ? Registered(found) : null);

    /// <summary>The model's highest version, or null when it has none.</summary>
    public Task<int?> GetLatestVersionAsync(string model, CancellationToken cancellationToken) =>
        CallAsync($"read model {model}", async () =>
        {
            try
            {
                return (await _models.GetModelAsync(model, cancellationToken)).LatestVersion;
            }
            catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    /// <summary>An artifact's bytes, checked against its digest (sha256:hex) so a damaged download is never evaluated.</summary>
    public Task<byte[]> DownloadAsync(string digest, CancellationToken cancellationToken) =>
        CallAsync($"download artifact {digest}", async () =>
        {
            var expected = Digest.Parse(digest);
            await using var body = await _models.OpenArtifactAsync(expected, cancellationToken);
            using var copy = new MemoryStream();
            await body.CopyToAsync(copy, cancellationToken);
            var bytes = copy.ToArray();
            var actual = Digest.Of(SHA256.HashData(bytes));
            return actual == expected ? bytes : throw new RegistryUnavailableException($"artifact {digest} downloaded as {actual}: the download was damaged");
        });

    /// <summary>Registers a version; registering the same bytes again returns the existing version (the registry dedupes by digest).</summary>
    public Task<RegisteredVersion> RegisterAsync(string model, byte[] onnx, string cardJson, int? parent, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        CallAsync($"register a version of {model}", async () =>
        {
            using var content = new MemoryStream(onnx, writable: false);
            return Registered(await _models.RegisterVersionAsync(model, content, cardJson, actor, parent, tags, cancellationToken));
        });

    public Task SetAliasAsync(string model, string alias, int version, string reason, CancellationToken cancellationToken) =>
        CallAsync($"move alias {model}@{alias}", () => _models.MoveAliasAsync(model, alias, version, actor, reason, cancellationToken: cancellationToken));

    /// <summary>Starts a rollout of <paramref name="version"/> with the registry's default spec; returns its id.</summary>
    public Task<string> StartRolloutAsync(string model, int version, CancellationToken cancellationToken) =>
        CallAsync($"start a rollout of {model} v{version}", async () =>
        {
            try
            {
                return (await _rollouts.StartAsync(new RolloutStartRequest { Model = model, CandidateVersion = version }, actor, cancellationToken)).Id;
            }
            catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
            {
                // A run that crashed after starting the rollout but before recording it finds its own rollout here.
                if (await FindRolloutAsync(model, version, cancellationToken) is { } existing)
                {
                    return existing;
                }

                throw;
            }
        });

    private async Task<string?> FindRolloutAsync(string model, int version, CancellationToken cancellationToken) =>
        (await _rollouts.ListAsync(200, cancellationToken)).FirstOrDefault(r => r.Model == model && r.Candidate == version)?.Id;

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException ex)
        {
            throw ex.StatusCode is not { } status ? (Exception)new RegistryUnavailableException($"registry {http.BaseAddress} unreachable (to {what}): {ex.Detail}", ex)
                : (int)status >= 500 ? new RegistryUnavailableException($"registry {http.BaseAddress} answered {(int)status} (to {what}): {ex.Detail}", ex)
                : new RegistryRejectedException($"registry refused to {what}: {(int)status} {ex.Detail}", (int)status);
        }
        catch (JsonException ex)
        {
            throw new RegistryUnavailableException($"registry {http.BaseAddress}: {what} answered something that is not the registry's JSON: {ex.Message}", ex);
        }
    }

    private async Task CallAsync(string what, Func<Task> call) => await CallAsync(what, async () =>
    {
        await call();
        return true;
    });

    private static RegisteredVersion Registered(ModelVersion version) => new(version.Name, version.Version, version.Digest);
}
