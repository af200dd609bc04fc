using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridInference.Registry.Tests.Pages;

/// <summary>
/// What stands in front of the pages in a deployment (oauth2-proxy, an ingress with OIDC): a loopback proxy that signs
/// the browser's GETs in with a token, so a real browser can load pages that need one.
/// </summary>
internal sealed class AuthenticatingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private AuthenticatingProxy(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri Address => LoopbackApp.Address(_app);

    public static async Task<AuthenticatingProxy> StartAsync(Uri upstream, string token)
    {
        var http = new HttpClient { BaseAddress = upstream }.Authorize(token);
        var app = LoopbackApp.CreateBuilder().Build();
        app.MapGet("/{**path}", async (HttpContext context) =>
        {
            using var answer = await http.GetAsync(context.Request.Path + context.Request.QueryString, context.RequestAborted);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync();
        return new AuthenticatingProxy(app, http);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
