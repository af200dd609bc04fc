using HybridInference.Contracts.Security;
using System.Globalization;
using System.Text.Json;
using HybridInference.Registry.Artifacts;
using HybridInference.Registry.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Apis;

/// <summary>
/// The model registry's HTTP API, in MLflow's terms: auto-incremented versions per model name, aliases
/// such as <c>champion</c> and <c>challenger</c> with an audit trail, lineage through a parent version.
/// </summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("Models").WithAdminLimits();
        models.MapGet("/", ListModelsAsync).WithSummary("Model names.").RequireAuthorization(Scopes.ModelsRead);
        models.MapGet("/{name}", GetModelAsync).WithSummary("A model's versions and aliases.").RequireAuthorization(Scopes.ModelsRead);
        models.MapPost("/{name}/versions", RegisterAsync)
            .WithSummary("Register a version: multipart form with 'model' (the .onnx file) and 'card' (model-card.json); optional 'parent' and 'tags' (JSON object).")
            .DisableAntiforgery()
            .RequireAuthorization(Scopes.ModelsWrite)
            // The one endpoint whose body may be as large as a model file.
            .WithBodySizeLimit(services => services.GetRequiredService<IOptions<RegistryOptions>>().Value.MaxUploadBytes, "Registry:MaxArtifactBytes");
        models.MapGet("/{name}/versions/{version:int}", GetVersionAsync).WithSummary("One version.").RequireAuthorization(Scopes.ModelsRead);
        models.MapGet("/{name}/aliases/{alias}", GetAliasAsync).WithSummary("The version an alias points at (models:/name@alias).").RequireAuthorization(Scopes.ModelsRead);
        models.MapPut("/{name}/aliases/{alias}", MoveAliasAsync).WithSummary("Point an alias at a version; recorded in the audit trail.").RequireAuthorization(Scopes.ModelsWrite);
        models.MapDelete("/{name}/aliases/{alias}", RemoveAliasAsync).WithSummary("Remove an alias; recorded in the audit trail.").RequireAuthorization(Scopes.ModelsWrite);
        models.MapGet("/{name}/audit", AuditAsync).WithSummary("Registrations and alias moves, newest first.").RequireAuthorization(Scopes.ModelsRead);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<string>>> ListModelsAsync(ModelRegistryStore registry) =>
        TypedResults.Ok(await registry.ListModelsAsync());

    public static async Task<Results<Ok<ModelSummary>, ProblemHttpResult>> GetModelAsync(string name, ModelRegistryStore registry)
    {
        var versions = await registry.ListVersionsAsync(name);
        if (versions.Count == 0)
        {
            return Problems.NotFound($"model '{name}' is not registered");
        }

        return TypedResults.Ok(new ModelSummary(name, versions[^1].Version, await registry.AliasesAsync(name), versions));
    }

    public static async Task<Results<Created<ModelVersion>, Ok<ModelVersion>, ProblemHttpResult>> RegisterAsync(
        string name, HttpRequest request, ModelRegistrar registrar, CancellationToken cancellationToken)
    {
        if (ModelNames.ValidateModel(name) is { } nameError)
        {
            return Problems.BadRequest(nameError);
        }

        if (!request.HasFormContentType)
        {
            return Problems.BadRequest("expected a multipart/form-data body with a 'model' file and a 'card' (model-card.json)");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return Problems.BadRequest($"the form could not be read: {ex.Message}");
        }

        var modelFile = form.Files.GetFile("model");
        if (modelFile is null)
        {
            return Problems.BadRequest("form field 'model' (the .onnx file) is missing");
        }

        var cardText = form.Files.GetFile("card") is { } cardFile
            ? await ReadAllTextAsync(cardFile, cancellationToken)
            : form["card"].ToString();
        if (string.IsNullOrWhiteSpace(cardText))
        {
            return Problems.BadRequest("form field 'card' (model-card.json, as a file or text) is missing");
        }

        JsonElement card;
        try
        {
            using var document = JsonDocument.Parse(cardText);
            card = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest($"form field 'card' is not valid JSON: {ex.Message}");
        }

        int? parent = null;
        if (form.TryGetValue("parent", out var parentText) && !string.IsNullOrWhiteSpace(parentText))
        {
            if (!int.TryParse(parentText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p < 1)
            {
                return Problems.BadRequest($"form field 'parent' must be a version number >= 1, got '{parentText}'");
            }

            parent = p;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form.TryGetValue("tags", out var tagsText) && !string.IsNullOrWhiteSpace(tagsText))
        {
            try
            {
                tags = JsonSerializer.Deserialize<Dictionary<string, string>>(tagsText.ToString()) ?? tags;
            }
            catch (JsonException)
            {
                return Problems.BadRequest("form field 'tags' must be a JSON object of strings, e.g. {\"team\":\"vision\"}");
            }
        }

        if (RequestActor.From(request) is not { } actor)
        {
            return Problems.BadRequest(RequestActor.Missing);
        }

        RegistrationOutcome outcome;
        try
        {
            await using var content = modelFile.OpenReadStream();
            outcome = await registrar.RegisterAsync(name, content, card, parent, tags, actor, cancellationToken);
        }
        catch (ArtifactTooLargeException ex)
        {
            return TypedResults.Problem(title: "Model file too large", detail: ex.Message, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        return outcome switch
        {
            { Errors.Count: > 0 } => Problems.Invalid(outcome.Errors),
            { Version: { } v, Created: true } => TypedResults.Created($"/api/models/{name}/versions/{v.Version}", v),
            { Version: { } v } => TypedResults.Ok(v),
            _ => throw new InvalidOperationException("registration returned neither a version nor errors"),
        };
    }

    public static async Task<Results<Ok<ModelVersion>, ProblemHttpResult>> GetVersionAsync(string name, int version, ModelRegistryStore registry) =>
        await registry.GetVersionAsync(name, version) is { } found
            ? TypedResults.Ok(found)
            : Problems.NotFound($"version {version} of model '{name}' does not exist");

    public static async Task<Results<Ok<ModelVersion>, ProblemHttpResult>> GetAliasAsync(string name, string alias, ModelRegistryStore registry)
    {
        if (await registry.ResolveAliasAsync(name, alias) is not { } version)
        {
            return Problems.NotFound($"model '{name}' has no alias '{alias}'");
        }

        return await registry.GetVersionAsync(name, version) is { } found
            ? TypedResults.Ok(found)
            : Problems.NotFound($"alias '{alias}' of '{name}' points at version {version}, which does not exist");
    }

    public static async Task<Results<Ok<ModelVersion>, ProblemHttpResult>> MoveAliasAsync(
        string name, string alias, AliasChangeRequest body, HttpRequest request, ModelRegistryStore registry)
    {
        if (ModelNames.ValidateAlias(alias) is { } aliasError)
        {
            return Problems.BadRequest(aliasError);
        }

        if (RequestActor.From(request) is not { } actor)
        {
            return Problems.BadRequest(RequestActor.Missing);
        }

        if (await registry.GetVersionAsync(name, body.Version) is not { } target)
        {
            return Problems.NotFound($"version {body.Version} of model '{name}' does not exist");
        }

        var current = await registry.ResolveAliasAsync(name, alias);
        if (body.ExpectedVersion is { } expected && expected != current)
        {
            return Problems.Conflict($"alias '{alias}' points at {Describe(current)}, not version {expected} as expected");
        }

        return await registry.MoveAliasAsync(name, alias, current, target.Version, actor, body.Reason)
            ? TypedResults.Ok(target)
            : Problems.Conflict($"alias '{alias}' of '{name}' was moved by someone else meanwhile; read it again and retry");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAliasAsync(
        string name, string alias, string? reason, HttpRequest request, ModelRegistryStore registry)
    {
        if (RequestActor.From(request) is not { } actor)
        {
            return Problems.BadRequest(RequestActor.Missing);
        }

        if (await registry.ResolveAliasAsync(name, alias) is not { } current)
        {
            return Problems.NotFound($"model '{name}' has no alias '{alias}'");
        }

        return await registry.MoveAliasAsync(name, alias, current, null, actor, reason)
            ? TypedResults.NoContent()
            : Problems.Conflict($"alias '{alias}' of '{name}' was moved by someone else meanwhile");
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> AuditAsync(string name, ModelRegistryStore registry, int? count)
    {
        if (count is < 1 or > 1000)
        {
            return Problems.BadRequest($"count must be between 1 and 1000, got {count}");
        }

        return TypedResults.Ok(await registry.AuditAsync(name, count ?? 100));
    }

    private static string Describe(int? version) => version is null ? "nothing" : $"version {version}";

    private static async Task<string> ReadAllTextAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
