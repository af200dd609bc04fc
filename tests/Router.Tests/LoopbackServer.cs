using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Router.Tests;

/// <summary>
/// A real Kestrel server on a loopback port answering one path with a body the test sets, for the inputs a real
/// registry or cloud would never send (malformed device lists) and for a cloud that answers at all (probes).
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _byPath = new();

    /// <summary>Requests to one of the paths.</summary>
    public int RequestsTo(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>What the server answers: status, content type and body; changeable while it runs.</summary>
    public (int Status, string ContentType, string Body) Answer { get; set; } = (200, "application/json", "[]");

    /// <summary>Answers each of <paramref name="paths"/> with <see cref="Answer"/> (an edge node stand-in answers <c>/health</c> and <c>/device</c>).</summary>
    /// <summary>Answers for particular paths, in place of <see cref="Answer"/>.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (int Status, string ContentType, string Body)> PathAnswers { get; } = new();

    public static async Task<LoopbackServer> StartAsync(params string[] paths)
    {
        var builder = LoopbackApp.CreateBuilder();
        var app = builder.Build();
        var server = new LoopbackServer(app);
        foreach (var path in paths)
        {
            app.MapGet(path, async (HttpContext context) =>
            {
                Interlocked.Increment(ref server._requests);
                server._byPath.AddOrUpdate(path, 1, (_, n) => n + 1);
                var (status, contentType, body) = server.PathAnswers.GetValueOrDefault(path, server.Answer);
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                await context.Response.WriteAsync(body);
            });
        }

        await app.StartAsync();
        server.Address = LoopbackApp.Address(app);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
