using HybridInference.Contracts.Security;
using HybridInference.Security;
using Google.Protobuf;
using Grpc.Core;
using HybridInference.Contracts.Grpc;
using HybridInference.Contracts.Oip;
using HybridInference.Router.Edges;
using HybridInference.Router.Routing;
using Yarp.ReverseProxy;
using GrpcModelMetadataResponse = HybridInference.Contracts.Grpc.ModelMetadataResponse;
using GrpcModelReadyResponse = HybridInference.Contracts.Grpc.ModelReadyResponse;
using GrpcServerMetadataResponse = HybridInference.Contracts.Grpc.ServerMetadataResponse;

namespace HybridInference.Router.Inference;

/// <summary>
/// The router's OIP v2 gRPC surface (package <c>inference</c>, service <c>GRPCInferenceService</c>) on the h2c
/// endpoint: the same handling as HTTP through <see cref="RouterRequestHandler"/>, with the servers' exact
/// message mapping. Request options may come as gRPC metadata (<c>x-priority</c>, <c>x-private</c>,
/// <c>x-site</c>, <c>x-request-id</c>) as well as request parameters.
/// </summary>
public sealed class RouterGrpcService(
    RouterRequestHandler handler,
    IRoutingTable routing,
    ModelMetadataCache metadata,
    EdgeSelector edges) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerReadyResponse
        {
            Ready = edges.AnyAvailable(),
        });

    public override Task<GrpcServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context)
    {
        var response = new GrpcServerMetadataResponse { Name = RouterOipApi.ServerName, Version = RouterOipApi.ServerVersion };
        response.Extensions.AddRange(RouterOipApi.Extensions);
        return Task.FromResult(response);
    }

    public override async Task<GrpcModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        var route = Route(request.Name);
        return await metadata.GetAsync(route, context.CancellationToken) is { } found
            ? GrpcMapping.ToMessage(found)
            : throw GrpcMapping.ToRpc(StatusCodes.Status503ServiceUnavailable, $"no edge node could describe model '{request.Name}' yet");
    }

    public override async Task<GrpcModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context) =>
        new() { Ready = await metadata.GetAsync(Route(request.Name), context.CancellationToken) is not null };

    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        if (!string.IsNullOrEmpty(request.ModelVersion))
        {
            throw GrpcMapping.ToRpc(StatusCodes.Status400BadRequest, "the router serves logical models and chooses versions itself; leave model_version empty");
        }

        InferenceRequest body;
        try
        {
            body = GrpcMapping.ToRequest(request);
        }
        catch (OipException ex)
        {
            throw GrpcMapping.ToRpc(ex.StatusCode, ex.Message);
        }

        var options = RequestFlags.FromHeaders(name => context.RequestHeaders.GetValue(name.ToLowerInvariant()))
            with { LabelsTrusted = context.GetHttpContext().User.HasScope(Scopes.LabelsWrite) };
        var outcome = await handler.HandleAsync(request.ModelName, body, request.ToByteArray(), options, context.CancellationToken);
        if (outcome.Response is null)
        {
            throw GrpcMapping.ToRpc(outcome.Status, outcome.Error!);
        }

        // Answer in the form asked in: raw bytes to a raw client, typed contents otherwise.
        return GrpcMapping.ToMessage(outcome.Response, raw: request.RawInputContents.Count > 0);
    }

    private ModelRoute Route(string model) =>
        routing.Current.Models.TryGetValue(model, out var route)
            ? route
            : throw GrpcMapping.ToRpc(StatusCodes.Status404NotFound, handler.UnknownModelMessage(model));
}
