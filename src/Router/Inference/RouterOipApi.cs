using HybridInference.Security;
using HybridInference.Contracts.Security;
using System.Buffers;
using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Router.Edges;
using HybridInference.Router.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Yarp.ReverseProxy;

namespace HybridInference.Router.Inference;

/// <summary>
/// The router's Open Inference Protocol v2 surface over HTTP/JSON: the same paths and bodies as the
/// inference servers, so a KServe or Triton client cannot tell it from one, except through the answer's
/// metadata. Errors use the protocol's <c>{"error": "..."}</c> body.
/// </summary>
public static class RouterOipApi
{
    /// <summary>Largest accepted request body (a batch of 64 images in JSON is about 3 MB).</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapRouterOipApi(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol v2").WithInferenceLimits();
        // Probes are public and never limited; the rest is inference, limited per client (Limits:Inference), and which needs a token or API key where Auth:InferenceRequiresToken is set.
        v2.MapGet("/health/live", () => TypedResults.Json(new LiveResponse(true), OipJsonContext.Default.LiveResponse)).AllowAnonymous().DisableRateLimiting();
        v2.MapGet("/health/ready", Ready).AllowAnonymous().DisableRateLimiting();
        v2.MapGet("/", ServerMetadata).RequireAuthorization(Scopes.Inference);
        v2.MapGet("/models/{model}", ModelMetadataAsync).RequireAuthorization(Scopes.Inference);
        v2.MapGet("/models/{model}/ready", ModelReadyAsync).RequireAuthorization(Scopes.Inference);
        v2.MapPost("/models/{model}/infer", InferAsync).RequireAuthorization(Scopes.Inference);
        v2.MapPost("/models/{model}/versions/{version}/infer", (string model, string version) =>
            Error(StatusCodes.Status400BadRequest, $"the router serves logical models and chooses versions itself; POST /v2/models/{model}/infer"))
            .RequireAuthorization(Scopes.Inference);
        return app;
    }

    public const string ServerName = "hybridinference-router";

    public static string ServerVersion { get; } = typeof(RouterOipApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static IReadOnlyList<string> Extensions { get; } = ["hybrid_routing", "top_class"];

    public static JsonHttpResult<ServerMetadataResponse> ServerMetadata() =>
        TypedResults.Json(new ServerMetadataResponse(ServerName, ServerVersion, Extensions), OipJsonContext.Default.ServerMetadataResponse);

    public static JsonHttpResult<ReadyResponse> Ready(EdgeSelector edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var ready = edges.AnyAvailable();
        return TypedResults.Json(new ReadyResponse(ready), OipJsonContext.Default.ReadyResponse, statusCode: ready ? 200 : 503);
    }

    public static async Task<IResult> ModelMetadataAsync(string model, IRoutingTable routing, ModelMetadataCache metadata, CancellationToken cancellationToken)
    {
        if (!routing.Current.Models.TryGetValue(model, out var route))
        {
            return UnknownModel(model, routing);
        }

        return await metadata.GetAsync(route, cancellationToken) is { } found
            ? TypedResults.Json(found, OipJsonContext.Default.ModelMetadataResponse)
            : Error(StatusCodes.Status503ServiceUnavailable, $"no edge node could describe model '{model}' yet");
    }

    public static async Task<IResult> ModelReadyAsync(string model, IRoutingTable routing, ModelMetadataCache metadata, CancellationToken cancellationToken)
    {
        if (!routing.Current.Models.TryGetValue(model, out var route))
        {
            return UnknownModel(model, routing);
        }

        var ready = await metadata.GetAsync(route, cancellationToken) is not null;
        return TypedResults.Json(new ModelReadyResponse(model, "", ready), OipJsonContext.Default.ModelReadyResponse, statusCode: ready ? 200 : 503);
    }

    public static async Task<IResult> InferAsync(string model, HttpContext context, RouterRequestHandler handler, CancellationToken cancellationToken)
    {
        if (!handler.IsServed(model))
        {
            return Error(StatusCodes.Status404NotFound, handler.UnknownModelMessage(model));
        }

        var (bytes, readError) = await ReadBodyAsync(context.Request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        InferenceRequest? body;
        try
        {
            body = InferenceRequestParser.Parse(bytes);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"malformed JSON: {ex.Message}");
        }

        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, "the body is JSON null; expected an inference request object");
        }

        var headers = context.Request.Headers;
        var options = RequestFlags.FromHeaders(name => headers[name].FirstOrDefault()) with { LabelsTrusted = context.User.HasScope(Scopes.LabelsWrite) };
        var outcome = await handler.HandleAsync(model, body, bytes, options, cancellationToken, wireIsJson: true);
        if (outcome.Answer is null)
        {
            return Error(outcome.Status, outcome.Error!);
        }

        AnswerWriter.WriteHeaders(context.Response, outcome.Answer);
        return TypedResults.Json(outcome.Response!, OipJsonContext.Default.InferenceResponse);
    }

    private static async Task<(byte[] Bytes, IResult? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return ([], Error(StatusCodes.Status413PayloadTooLarge, $"the body ({request.ContentLength} bytes) is larger than {MaxBodyBytes} bytes"));
        }

        // With a Content-Length the body is read into an array of exactly that size (it is kept to be forwarded
        // as is); only a chunked body needs the growing buffer.
        if (request.ContentLength is { } length)
        {
            if (length == 0)
            {
                return ([], Error(StatusCodes.Status400BadRequest, "the body is empty; expected an inference request"));
            }

            var exact = new byte[length];
            try
            {
                await request.Body.ReadExactlyAsync(exact, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return ([], Error(StatusCodes.Status400BadRequest, $"the body ended before its Content-Length of {length} bytes"));
            }

            return (exact, null);
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return ([], Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBodyBytes} bytes"));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length == 0
            ? ([], Error(StatusCodes.Status400BadRequest, "the body is empty; expected an inference request"))
            : (buffer.ToArray(), null);
    }

    private static IResult UnknownModel(string model, IRoutingTable routing) =>
        Error(StatusCodes.Status404NotFound, $"unknown model '{model}'; the router serves: {string.Join(", ", routing.Current.Models.Keys.Order(StringComparer.Ordinal))}");

    private static JsonHttpResult<ErrorResponse> Error(int status, string message) =>
        TypedResults.Json(new ErrorResponse(message), OipJsonContext.Default.ErrorResponse, statusCode: status);
}
