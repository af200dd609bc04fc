using System.Net.Http.Headers;

namespace HybridInference.Bench.Load;

/// <summary>
/// HTTP/1.1 requests over a pool of at most one connection per worker (as wrk opens one per connection): a GET,
/// or a POST of a fixed JSON body. The whole answer is read, as a real client would.
/// </summary>
public sealed class HttpTarget : ILoadTarget
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly Uri _uri;
    private readonly byte[]? _body;

    public HttpTarget(string name, Uri uri, int connections, byte[]? jsonBody = null)
    {
        Name = name;
        _uri = uri;
        _body = jsonBody;
        _client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
        })
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Name { get; }

    public async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(_body is null ? HttpMethod.Get : HttpMethod.Post, _uri);
        if (_body is not null)
        {
            request.Content = new ByteArrayContent(_body) { Headers = { ContentType = Json } };
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _client.Dispose();
}
