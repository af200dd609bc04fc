using Grpc.Net.Client;
using HybridInference.Contracts.Grpc;

namespace HybridInference.Bench.Load;

/// <summary>
/// OIP v2 gRPC <c>ModelInfer</c> calls with one prepared request (raw contents) over h2c; several HTTP/2
/// connections so that one connection's framing does not cap the throughput.
/// </summary>
public sealed class GrpcInferTarget : ILoadTarget
{
    private readonly GrpcChannel _channel;
    private readonly GRPCInferenceService.GRPCInferenceServiceClient _client;
    private readonly ModelInferRequest _request;

    public GrpcInferTarget(string name, Uri address, ModelInferRequest request)
    {
        Name = name;
        _request = request;
        _channel = Channel(address);
        _client = new GRPCInferenceService.GRPCInferenceServiceClient(_channel);
    }

    public string Name { get; }

    public async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        var response = await _client.ModelInferAsync(_request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.RawOutputContents.Count > 0 || response.Outputs.Count > 0;
    }

    /// <summary>The channel every gRPC target uses, so that their rates differ only by the call.</summary>
    internal static GrpcChannel Channel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false },
    });

    public void Dispose() => _channel.Dispose();
}
