using System.Text;
using HybridInference.Contracts.Oip;
using HybridInference.Router.Tiers;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HybridInference.Router.Tests.Tiers;

/// <summary>A tier call over HTTP/2 without TLS, as the router calls an edge node's HTTP/2 endpoint, against a real Kestrel HTTP/2-only endpoint.</summary>
public sealed class TierClientTests : IAsyncLifetime
{
    private const string Answer = """{"model_name":"m","model_version":"1","outputs":[{"name":"probabilities","datatype":"FP32","shape":[1,3],"data":[0.1,0.7,0.2]}]}""";
    private WebApplication _server = null!;
    private Uri _address = null!;
    private readonly List<string> _protocols = [];

    public async Task InitializeAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http2));
        _server = builder.Build();
        _server.MapPost("/v2/models/m/infer", (HttpContext context) =>
        {
            lock (_protocols)
            {
                _protocols.Add(context.Request.Protocol);
            }

            return Results.Text(Answer, "application/json");
        });
        await _server.StartAsync();
        _address = LoopbackApp.Address(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""{"inputs":[{"name":"x","datatype":"FP32","shape":[1,1],"data":[0.5]}]}""");

    [Fact]
    public async Task Http2_ReachesAnHttp2OnlyEndpoint_AndReadsTheAnswer()
    {
        using var client = new HttpClient();
        var answer = await TierClient.InferAsync(client, "edge", "edge-1", _address, "m", new InferenceRequest(), CancellationToken.None,
            Json, httpVersion: System.Net.HttpVersion.Version20);

        Assert.Equal(1, answer.Top(0).Class);
        Assert.Equal(["HTTP/2"], _protocols);
    }

    [Fact]
    public async Task Http2_ToAnHttp1OnlyAddress_FailsAsTheTiersFault_NotTheRequests()
    {
        // An HTTP/2 address that is really a node's HTTP/1.1 endpoint gets no answer: the router must fall back
        // to another node or the cloud (a transport failure), not refuse the client's request.
        var builder = LoopbackApp.CreateBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http1));
        await using var http1 = builder.Build();
        http1.MapPost("/v2/models/m/infer", () => Results.Text(Answer, "application/json"));
        await http1.StartAsync();

        using var client = new HttpClient();
        var error = await Assert.ThrowsAsync<TierUnavailableException>(() => TierClient.InferAsync(
            client, "edge", "edge-1", LoopbackApp.Address(http1), "m", new InferenceRequest(), CancellationToken.None, Json, httpVersion: System.Net.HttpVersion.Version20));

        Assert.True(error.Transport, error.Message);
        Assert.Equal("edge-1", error.Node);
    }
}
