using OipException = HybridInference.Contracts.Oip.OipException;
using Grpc.Core;
using HybridInference.Contracts.Grpc;
using InferenceRequest = HybridInference.Contracts.Oip.InferenceRequest;
using HybridInference.Inference.Http;
using HybridInference.Inference.Models;
using HybridInference.Inference.Serving;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Grpc;

/// <summary>
/// <c>inference.GRPCInferenceService</c>: the same engine as the HTTP API behind the published proto.
/// Refusals map to gRPC codes (400 InvalidArgument, 404 NotFound, 413 ResourceExhausted, 503
/// Unavailable) with the same message the HTTP body would carry.
/// </summary>
public sealed partial class OipGrpcService(
    ModelCatalog catalog,
    InferenceEngine engine,
    IOptions<ServingOptions> options,
    IHostEnvironment environment,
    ILogger<OipGrpcService> logger) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse { Ready = catalog.IsReady });

    public override Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ModelReadyResponse { Ready = Guard(() => catalog.Resolve(request.Name, request.Version)).IsReady });

    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        var response = new ServerMetadataResponse { Name = options.Value.ServerName ?? environment.ApplicationName, Version = OipHttpApi.ServerVersion };
        response.Extensions.AddRange(OipHttpApi.Extensions);
        return Task.FromResult(response);
    }

    public override Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        var metadata = Guard(() => catalog.Resolve(request.Name, request.Version).Metadata);
        return Task.FromResult(GrpcMapping.ToMessage(metadata));
    }

    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        InferenceRequest body;
        try
        {
            body = GrpcMapping.ToRequest(request);
        }
        catch (OipException ex)
        {
            engine.RecordRefused(request.ModelName, request.ModelVersion, "grpc", ex);
            throw ToRpc(ex);
        }

        try
        {
            var response = await engine.InferAsync(request.ModelName, request.ModelVersion, body, "grpc", context.CancellationToken);

            // Answer in the form asked in: raw bytes to a raw client, typed contents otherwise.
            return GrpcMapping.ToMessage(response, raw: request.RawInputContents.Count > 0);
        }
        catch (OipException ex)
        {
            throw ToRpc(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not RpcException)
        {
            LogInferenceFailed(ex, request.ModelName, request.ModelVersion);
            throw new RpcException(new Status(StatusCode.Internal, $"inference failed: {ex.Message}"));
        }
    }

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (OipException ex)
        {
            throw ToRpc(ex);
        }
    }

    private static RpcException ToRpc(OipException ex) => GrpcMapping.ToRpc(ex.StatusCode, ex.Message);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "gRPC inference on model {Model} version {Version} failed")]
    private partial void LogInferenceFailed(Exception exception, string model, string version);
}
