using HybridInference.Clients.Registry;

namespace HybridInference.Clients.Tests.Registry;

/// <summary>The real registry in-process (<see cref="RegistryHost"/>), as the model client's tests use it; one per test class.</summary>
public sealed class RegistryServer : RegistryHost
{
    /// <summary>A typed client of the running registry (no resilience pipeline: the calls are the subject).</summary>
    public RegistryModelsClient Client() => new(Factory.CreateClient());

    /// <summary>A handler that reaches the in-process registry, for clients built by a container.</summary>
    public HttpMessageHandler Handler() => Factory.Server.CreateHandler();
}
