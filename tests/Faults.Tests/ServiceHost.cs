using HybridInference.Faults.Distribution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Hosting;

namespace HybridInference.Faults.Tests;

/// <summary>
/// A service's container with the fault mechanism registered as a service registers it (AddStore, AddFaults),
/// not started: tests set its <see cref="FaultState"/> directly and use its real HttpClients.
/// </summary>
internal sealed class ServiceHost : IDisposable
{
    private readonly IHost _host;

    public ServiceHost(string service, TimeProvider time, IFaultRandom random, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:store"] = "127.0.0.1:1",
            ["Faults:Service"] = service,
            ["Faults:Enabled"] = "true",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(random);
        builder.AddServiceDefaults();
        builder.AddStore();
        builder.AddFaults();
        // A client with the retries of the standard handler, declared as every client now declares its own.
        builder.Services.AddHttpClient("standard").AddStandardResilienceHandler();
        // The bare client shows the fault pipeline without retries in the way.
        builder.Services.AddHttpClient("bare");
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    public FaultState State => Services.GetRequiredService<FaultState>();

    public HttpClient Client(string name = "bare") => Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public void Dispose() => _host.Dispose();
}
