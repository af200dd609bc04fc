// Forwards everything to ProxyFloor:Destination; no parsing, no decision, no telemetry, no log.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHttpForwarder();

var app = builder.Build();
var destination = app.Configuration["ProxyFloor:Destination"];
if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
{
    throw new InvalidOperationException($"ProxyFloor:Destination must be an absolute http(s) address; got '{destination}'.");
}

app.MapForwarder("/{**catch-all}", uri.ToString());
app.Run();
