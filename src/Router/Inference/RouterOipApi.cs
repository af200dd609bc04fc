using System.Security.Cryptography;
using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Contracts.Validation;
using HybridInference.Router.Edges;
using HybridInference.Router.Routing;
using HybridInference.Router.Tiers;
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

    /// <summary>Largest batch the router accepts, like the servers' <c>max_batch_size</c>.</summary>
    public const int MaxBatchSize = 64;

    public static IEndpointRouteBuilder MapRouterOipApi(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol v2");
        v2.MapGet("/", ServerMetadata);
        v2.MapGet("/health/live", () => TypedResults.Json(new LiveResponse(true), OipJsonContext.Default.LiveResponse));
        v2.MapGet("/health/ready", Ready);
        v2.MapGet("/models/{model}", ModelMetadataAsync);
        v2.MapGet("/models/{model}/ready", ModelReadyAsync);
        v2.MapPost("/models/{model}/infer", InferAsync);
        v2.MapPost("/models/{model}/versions/{version}/infer", (string model, string version) =>
            Error(StatusCodes.Status400BadRequest, $"the router serves logical models and chooses versions itself; POST /v2/models/{model}/infer"));
        return app;
    }

    public static JsonHttpResult<ServerMetadataResponse> ServerMetadata() =>
        TypedResults.Json(
            new ServerMetadataResponse("hybridinference-router", typeof(RouterOipApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", ["hybrid_routing", "top_class"]),
            OipJsonContext.Default.ServerMetadataResponse);

    public static JsonHttpResult<ReadyResponse> Ready(IProxyStateLookup proxy)
    {
        var ready = proxy.TryGetCluster(EdgeNodesOptions.ClusterId, out var cluster) && cluster.DestinationsState.AvailableDestinations.Count > 0;
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

    public static async Task<IResult> InferAsync(
        string model,
        HttpContext context,
        IRoutingTable routing,
        ModelMetadataCache metadata,
        RequestIdGuard ids,
        HybridInferenceService service,
        PredictionRecorder recorder,
        AuditQueue audits,
        CancellationToken cancellationToken)
    {
        if (!routing.Current.Models.TryGetValue(model, out var route))
        {
            return UnknownModel(model, routing);
        }

        var (bytes, readError) = await ReadBodyAsync(context.Request, cancellationToken);
        if (readError is not null)
        {
            return readError;
        }

        InferenceRequest? body;
        try
        {
            body = JsonSerializer.Deserialize(bytes, OipJsonContext.Default.InferenceRequest);
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, $"malformed JSON: {ex.Message}");
        }

        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, "the body is JSON null; expected an inference request object");
        }

        if (await metadata.GetAsync(route, cancellationToken) is { } signature
            && InferenceRequestValidator.Validate(body, signature, MaxBatchSize, [AnswerWriter.TopClassOutput, AnswerWriter.ConfidenceOutput]) is { } invalid)
        {
            return Error(StatusCodes.Status400BadRequest, invalid);
        }

        var rows = (int)(body.Inputs?.FirstOrDefault()?.Shape?.FirstOrDefault() ?? 0);
        if (rows < 1)
        {
            return Error(StatusCodes.Status400BadRequest, "the first input's shape must start with the batch size (>= 1)");
        }

        var (labels, labelError) = RequestFlags.Labels(body, rows);
        if (labelError is not null)
        {
            return Error(StatusCodes.Status400BadRequest, labelError);
        }

        var requestId = body.Id ?? context.Request.Headers["X-Request-Id"].FirstOrDefault() ?? Guid.NewGuid().ToString("N");
        if (!ids.TryUse(requestId, Convert.ToHexString(SHA256.HashData(bytes))))
        {
            return Error(StatusCodes.Status409Conflict, $"request id '{requestId}' was already used for a different request; use a new id");
        }

        var request = new HybridRequest(model, requestId, body, rows, RequestFlags.Site(body, context.Request),
            RequestFlags.Priority(body, context.Request), RequestFlags.Private(body, context.Request), labels);
        HybridAnswer answer;
        try
        {
            answer = await service.InferAsync(request, context, cancellationToken);
        }
        catch (TierRejectedException ex)
        {
            return Error(ex.Status, ex.Error);
        }
        catch (NoTierAvailableException ex)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
        catch (UnknownModelException)
        {
            return UnknownModel(model, routing);
        }

        recorder.Record(answer);
        if (answer.Rows.Any(r => r.Audit))
        {
            audits.Enqueue(answer);
        }

        AnswerWriter.WriteHeaders(context.Response, answer);
        return TypedResults.Json(AnswerWriter.Build(answer), OipJsonContext.Default.InferenceResponse);
    }

    private static async Task<(byte[] Bytes, IResult? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return ([], Error(StatusCodes.Status413PayloadTooLarge, $"the body ({request.ContentLength} bytes) is larger than {MaxBodyBytes} bytes"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return ([], Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {MaxBodyBytes} bytes"));
            }

            buffer.Write(chunk, 0, read);
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
