using HybridInference.Contracts.Security;
using System.Text.Json;
using HybridInference.Contracts.RouterAdmin;
using HybridInference.Router.Routing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridInference.Router.CloudVersions;

/// <summary>
/// <c>/admin/routing/models/{model}/cloud-weights</c>: read, set and clear how a model's cloud calls split
/// between cloud model versions. Rollouts of cloud models (canaries) drive it.
/// </summary>
public static class CloudWeightsApi
{
    public static IEndpointRouteBuilder MapCloudWeightsApi(this IEndpointRouteBuilder app)
    {
        var weights = app.MapGroup("/admin/routing/models/{model}/cloud-weights").WithTags("Admin").WithAdminLimits();
        weights.MapGet("/", Get).WithSummary("How the model's cloud calls split between cloud model versions.").RequireAuthorization(Scopes.AdminRead);

        // The body is read by hand so that a wrong content type or malformed JSON gets a 400 that says what is wrong.
        weights.MapPut("/", SetAsync).WithSummary("Split the model's cloud calls by version: {\"weights\": {\"1\": 95, \"2\": 5}}, each in [0,100], sum above 0.").RequireAuthorization(Scopes.RoutingWrite);
        weights.MapDelete("/", Clear).WithSummary("Stop splitting: cloud calls go unversioned to the server's default version.").RequireAuthorization(Scopes.RoutingWrite);
        return app;
    }

    public static Results<Ok<CloudWeightsView>, ProblemHttpResult> Get(string model, IRoutingTable routing, CloudVersionWeights weights)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(weights);
        return routing.Current.Models.TryGetValue(model, out var route)
            ? TypedResults.Ok(View(route, weights))
            : UnknownModel(model, routing);
    }

    public static async Task<Results<Ok<CloudWeightsView>, ProblemHttpResult>> SetAsync(
        string model, HttpRequest request, IRoutingTable routing, CloudVersionWeights weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(weights);
        if (!routing.Current.Models.TryGetValue(model, out var route))
        {
            return UnknownModel(model, routing);
        }

        if (!request.HasJsonContentType())
        {
            return BadRequest("expected a JSON body (Content-Type: application/json): {\"weights\": {\"1\": 95, \"2\": 5}}");
        }

        CloudWeightsRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, RouterAdminJsonContext.Default.CloudWeightsRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            return BadRequest($"the body is not valid cloud weights: {ex.Message}");
        }

        var (valid, errors) = CloudWeightsValidator.Validate(body);
        if (valid is null)
        {
            return BadRequest(string.Join("; ", errors));
        }

        weights.Set(route.Model, valid);
        return TypedResults.Ok(View(route, weights));
    }

    public static Results<Ok<CloudWeightsView>, ProblemHttpResult> Clear(string model, IRoutingTable routing, CloudVersionWeights weights)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(weights);
        if (!routing.Current.Models.TryGetValue(model, out var route))
        {
            return UnknownModel(model, routing);
        }

        weights.Clear(route.Model);
        return TypedResults.Ok(View(route, weights));
    }

    private static CloudWeightsView View(ModelRoute route, CloudVersionWeights weights) =>
        new(route.Model, route.CloudModel, weights.Get(route.Model)?.ToDictionary(w => w.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), w => w.Value));

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Invalid cloud weights", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult UnknownModel(string model, IRoutingTable routing) =>
        TypedResults.Problem(
            title: "Unknown model",
            detail: $"model '{model}' is not routed; routed models: {string.Join(", ", routing.Current.Models.Keys.Order(StringComparer.Ordinal))}",
            statusCode: StatusCodes.Status404NotFound);
}
