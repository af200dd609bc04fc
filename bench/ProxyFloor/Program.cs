using System.Net;
using Yarp.ReverseProxy.Forwarder;

// Forwards everything to ProxyFloor:Destination, over HTTP/2 without TLS when ProxyFloor:Http2 is true (as the
// router calls edge nodes), else HTTP/1.1; no parsing, no decision, no telemetry, no log.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpForwarder();

var app = builder.Build();
var destination = app.Configuration["ProxyFloor:Destination"];
if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
{
    throw new InvalidOperationException($"ProxyFloor:Destination must be an absolute http(s) address; got '{destination}'.");
}

var http2 = app.Configuration.GetValue("ProxyFloor:Http2", false);
var config = new ForwarderRequestConfig
{
    Version = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
    VersionPolicy = http2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
};
using var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    EnableMultipleHttp2Connections = true,
});
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
var prefix = uri.ToString();
// A RequestDelegate, not a minimal-API handler: its ForwarderError result must not be written as a response body.
app.Map("/{**catch-all}", (RequestDelegate)(async context => await forwarder.SendAsync(context, prefix, client, config)));
app.Run();
