using HybridInference.Store;

// The AppHost passes the port it allocated; 6379 is for running this host by hand.
var portText = Environment.GetEnvironmentVariable("GARNET_PORT") ?? "6379";
if (!int.TryParse(portText, out var port) || port is <= 0 or > 65535)
{
    Console.Error.WriteLine($"GARNET_PORT must be a TCP port between 1 and 65535, got '{portText}'.");
    return 2;
}

var bind = Environment.GetEnvironmentVariable("GARNET_BIND") ?? "127.0.0.1";
var dataDirectory = Environment.GetEnvironmentVariable("GARNET_DATA_DIR");
// The AppHost generates one per run; unset (by hand, on loopback) means no authentication.
var password = Environment.GetEnvironmentVariable("GARNET_PASSWORD");

using var garnet = new EmbeddedGarnet(bind, port, dataDirectory, password);
Console.WriteLine($"Garnet listening on {bind}:{port}" + (dataDirectory is null ? " (in memory)" : $" (data in {dataDirectory})")
    + (string.IsNullOrEmpty(password) ? ", no password" : ", password required"));

var stopped = new TaskCompletionSource();
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stopped.TrySetResult(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
await stopped.Task;
Console.WriteLine("Garnet stopping");
return 0;
