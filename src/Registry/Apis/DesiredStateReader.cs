using System.Text.Json;
using HybridInference.Contracts.Fleet;
using HybridInference.Registry.Fleet;
using HybridInference.Registry.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HybridInference.Registry.Apis;

/// <summary>
/// Reads and resolves the body shared by the device, group and site desired-state PUTs. The body is read by
/// hand, not bound, so that a wrong content type or malformed JSON gets a 400 that says what is wrong instead
/// of the framework's bare 415/400.
/// </summary>
internal static class DesiredStateReader
{
    /// <summary>The request and its actor, or a 400 naming the problem.</summary>
    public static async Task<(DesiredStateRequest? Body, string? Actor, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Fail("expected a JSON body (Content-Type: application/json): {\"model\": \"fashion-edge\", \"version\": 2} or {\"model\": \"fashion-edge\", \"alias\": \"champion\"}");
        }

        DesiredStateRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, FleetJsonContext.Default.DesiredStateRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Fail($"the body is not a valid desired state: {ex.Message}");
        }

        if (body is null)
        {
            return Fail("the body is empty: expected {\"model\": ..., \"version\": ... or \"alias\": ...}");
        }

        if (RequestActor.From(request) is not { } actor)
        {
            return Fail(RequestActor.Missing);
        }

        if (string.IsNullOrWhiteSpace(body.Model))
        {
            return Fail("'model' is required: the name of a registered model");
        }

        if ((body.Version is null) == string.IsNullOrWhiteSpace(body.Alias))
        {
            return Fail("give exactly one of 'version' (a number) or 'alias' (e.g. champion)");
        }

        var maxRules = request.HttpContext.RequestServices.GetRequiredService<IOptions<FleetOptions>>().Value.MaxRulesPerDevice;
        if (body.Rules is { Count: var count } && count > maxRules)
        {
            return Fail($"'rules' may hold at most {maxRules} rules (was {count}; {FleetOptions.SectionName}:{nameof(FleetOptions.MaxRulesPerDevice)})");
        }

        var ruleErrors = (body.Rules ?? []).Select((r, i) => RuleShape.Validate(r, i)).OfType<string>().ToList();
        return ruleErrors.Count > 0 ? Fail(string.Join("; ", ruleErrors)) : (body, actor, null);
    }

    /// <summary>The desired state to write (given its generation), or a 404 for an unknown version or alias.</summary>
    public static async Task<(Func<long, DesiredState>? Create, ProblemHttpResult? NotFound)> ResolveAsync(
        DesiredStateRequest body, string actor, ModelRegistryStore registry, TimeProvider time)
    {
        int number;
        if (body.Version is { } version)
        {
            number = version;
        }
        else if (await registry.ResolveAliasAsync(body.Model!, body.Alias!) is { } aliased)
        {
            number = aliased;
        }
        else
        {
            return (null, Problems.NotFound($"model '{body.Model}' has no alias '{body.Alias}'"));
        }

        if (await registry.GetVersionAsync(body.Model!, number) is not { } target)
        {
            return (null, Problems.NotFound($"version {number} of model '{body.Model}' does not exist"));
        }

        var now = time.GetUtcNow();
        return (generation => new DesiredState(
            generation,
            new ModelRef(target.Name, target.Version, target.Digest),
            target.SizeBytes,
            body.Alias,
            [.. (body.Rules ?? []).OfType<RuleDefinition>()],
            now,
            actor,
            body.Reason), null);
    }

    private static (DesiredStateRequest?, string?, ProblemHttpResult?) Fail(string detail) => (null, null, Problems.BadRequest(detail));
}
