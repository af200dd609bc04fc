using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.TestSupport;

/// <summary>
/// A small real Kestrel app on a free loopback port, for tests that need an HTTP peer (a webhook receiver, an
/// artifact server, an answer a real service would never give).
/// </summary>
public static class LoopbackApp
{
    /// <summary>
    /// A builder listening on 127.0.0.1 at a port the OS picks, with its own empty content root: a test folder
    /// holds the services' appsettings.json, whose Kestrel endpoints would otherwise win.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.CreateTempSubdirectory("hi-loopback-").FullName });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        return builder;
    }

    /// <summary>The address a started app listens on.</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
