using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.Faults.Tests;

/// <summary>A real Kestrel server on a free loopback port that answers 200 "ok" and counts what reaches it.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(async context =>
        {
            Interlocked.Increment(ref server._requests);
            await context.Response.WriteAsync("ok");
        });
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
