using HybridInference.Contracts.Security;
using System.Reflection;
using HybridInference.Contracts.Oip;
using HybridInference.Inference.Models;
using HybridInference.Inference.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Http;

/// <summary>The Open Inference Protocol v2 over HTTP/JSON: health, server and model metadata, readiness, infer.</summary>
public static partial class OipHttpApi
{
    /// <summary>Extensions announced in <c>GET /v2</c>: Triton's classification output and binary tensors, and our derived outputs.</summary>
    public static IReadOnlyList<string> Extensions { get; } = ["classification", "binary_tensor_data", "top_class", "model_repository(index)"];

    public static IEndpointRouteBuilder MapOpenInferenceProtocol(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Open Inference Protocol v2").WithInferenceLimits();
        // Probes are public; the repository index is an admin read; the rest is inference, which needs a token or
        // API key where Auth:InferenceRequiresToken is set.
        v2.MapGet("/health/live", Live).AllowAnonymous().DisableRateLimiting();
        v2.MapGet("/health/ready", Ready).AllowAnonymous().DisableRateLimiting();
        v2.MapGet("/", ServerMetadata).RequireAuthorization(Scopes.Inference);
        v2.MapPost("/repository/index", RepositoryIndex).RequireAuthorization(Scopes.AdminRead).WithAdminLimits();
        foreach (var prefix in new[] { "/models/{name}", "/models/{name}/versions/{version}" })
        {
            v2.MapGet(prefix, ModelMetadata).RequireAuthorization(Scopes.Inference);
            v2.MapGet(prefix + "/ready", ModelReady).RequireAuthorization(Scopes.Inference);
            v2.MapPost(prefix + "/infer", InferAsync).RequireAuthorization(Scopes.Inference);
        }

        return app;
    }

    public static JsonHttpResult<LiveResponse> Live() => TypedResults.Json(new LiveResponse(true), OipJsonContext.Default.LiveResponse);

    public static JsonHttpResult<ReadyResponse> Ready(ModelCatalog catalog) =>
        TypedResults.Json(new ReadyResponse(catalog.IsReady), OipJsonContext.Default.ReadyResponse, statusCode: catalog.IsReady ? 200 : 503);

    public static JsonHttpResult<ServerMetadataResponse> ServerMetadata(IOptions<ServingOptions> options, IHostEnvironment environment) =>
        TypedResults.Json(
            new ServerMetadataResponse(options.Value.ServerName ?? environment.ApplicationName, ServerVersion, Extensions),
            OipJsonContext.Default.ServerMetadataResponse);

    public static JsonHttpResult<List<RepositoryIndexEntry>> RepositoryIndex(ModelCatalog catalog) =>
        TypedResults.Json(
            catalog.All.Select(m => new RepositoryIndexEntry(m.Name, m.Version, m.State.ToString().ToUpperInvariant(), m.Reason)).ToList(),
            OipJsonContext.Default.ListRepositoryIndexEntry);

    public static Results<JsonHttpResult<ModelMetadataResponse>, JsonHttpResult<ErrorResponse>> ModelMetadata(string name, string? version, ModelCatalog catalog)
    {
        try
        {
            return TypedResults.Json(catalog.Resolve(name, version).Metadata, OipJsonContext.Default.ModelMetadataResponse);
        }
        catch (OipException ex)
        {
            return Error(ex);
        }
    }

    public static Results<JsonHttpResult<ModelReadyResponse>, JsonHttpResult<ErrorResponse>> ModelReady(string name, string? version, ModelCatalog catalog)
    {
        try
        {
            var model = catalog.Resolve(name, version);
            return TypedResults.Json(new ModelReadyResponse(model.Name, model.Version, model.IsReady), OipJsonContext.Default.ModelReadyResponse, statusCode: model.IsReady ? 200 : 503);
        }
        catch (OipException ex)
        {
            return Error(ex);
        }
    }

    public static async Task<Results<JsonHttpResult<InferenceResponse>, FileContentHttpResult, JsonHttpResult<ErrorResponse>>> InferAsync(
        string name, string? version, HttpRequest request, InferenceEngine engine, IOptions<ServingOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        InferenceRequest body;
        try
        {
            body = await RequestBodyReader.ReadAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        }
        catch (OipException ex)
        {
            engine.RecordRefused(name, version, "http", ex);
            return Error(ex);
        }

        try
        {
            var response = await engine.InferAsync(name, version, body, "http", cancellationToken);
            if (response.Outputs.Any(o => BinaryTensorExtension.WantsBinary(body, o.Name)))
            {
                var (bytes, headerLength) = BinaryTensorExtension.Write(response, output => BinaryTensorExtension.WantsBinary(body, output));
                request.HttpContext.Response.Headers[BinaryTensorExtension.HeaderLengthHeader] = headerLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Bytes(bytes, "application/octet-stream");
            }

            return TypedResults.Json(response, OipJsonContext.Default.InferenceResponse);
        }
        catch (OipException ex)
        {
            return Error(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A fault of ours, not the client's: logged with the stack, answered in the protocol's shape.
            LogInferenceFailed(loggers.CreateLogger(typeof(OipHttpApi)), ex, name, version ?? ModelCatalog.LatestVersion);
            return TypedResults.Json(new ErrorResponse($"inference failed: {ex.Message}"), OipJsonContext.Default.ErrorResponse, statusCode: 500);
        }
    }

    internal static string ServerVersion { get; } =
        typeof(OipHttpApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static JsonHttpResult<ErrorResponse> Error(OipException ex) =>
        TypedResults.Json(new ErrorResponse(ex.Message), OipJsonContext.Default.ErrorResponse, statusCode: ex.StatusCode);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Inference on model {Model} version {Version} failed")]
    private static partial void LogInferenceFailed(ILogger logger, Exception exception, string model, string version);
}
