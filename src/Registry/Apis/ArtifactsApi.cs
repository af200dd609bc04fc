using HybridInference.Contracts.Security;
using HybridInference.Registry.Artifacts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace HybridInference.Registry.Apis;

/// <summary>
/// Artifact download by digest. The digest is the ETag, so a client that has the file gets 304; ranges
/// let an edge node on a flaky link resume. Consumers still verify the SHA-256 of what they received.
/// </summary>
public static class ArtifactsApi
{
    public static IEndpointRouteBuilder MapArtifactsApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/artifacts/{digest}", [HttpMethods.Get, HttpMethods.Head], Download)
            .WithTags("Artifacts")
            .WithSummary("Download an artifact by digest (sha256:<hex>), with ETag and Range support.")
            .RequireAuthorization(Scopes.ModelsRead)
            .WithAdminLimits();
        return app;
    }

    public static Results<PhysicalFileHttpResult, ProblemHttpResult> Download(string digest, ArtifactStore artifacts)
    {
        if (!Digest.TryParse(digest, out var parsed))
        {
            return Problems.BadRequest($"'{digest}' is not a digest: expected sha256: followed by 64 hex digits");
        }

        var path = artifacts.PathOf(parsed.Value);
        if (!File.Exists(path))
        {
            return Problems.NotFound($"no artifact {parsed.Value}");
        }

        return TypedResults.PhysicalFile(
            path,
            "application/octet-stream",
            fileDownloadName: null,
            lastModified: null,
            entityTag: new EntityTagHeaderValue($"\"{parsed.Value.Hex}\""),
            enableRangeProcessing: true);
    }
}
