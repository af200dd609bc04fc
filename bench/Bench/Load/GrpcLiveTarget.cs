using Grpc.Net.Client;
using HybridInference.Contracts.Grpc;

namespace HybridInference.Bench.Load;

/// <summary>
/// OIP v2 gRPC <c>ServerLive</c> calls: the service does nothing for them, so their rate is the ceiling of any gRPC
/// call on that server here (Kestrel's HTTP/2 and Grpc.AspNetCore per call), the gRPC counterpart of the
/// do-nothing HTTP endpoint; the same channel as <see cref="GrpcInferTarget"/>.
/// </summary>
public sealed class GrpcLiveTarget : ILoadTarget
{
    private static readonly ServerLiveRequest Request = new();
    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;

    public GrpcLiveTarget(string name, Uri address)
    {
        Name = name;
        _channel = GrpcInferTarget.Channel(address);
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
    }

    public string Name { get; }

    public async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        var response = await _client.ServerLiveAsync(Request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Live;
    }

    public void Dispose() => _channel.Dispose();
}
