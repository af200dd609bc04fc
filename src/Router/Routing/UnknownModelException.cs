namespace HybridInference.Router.Routing;

/// <summary>The request names a model the routing configuration does not know; the endpoint answers 404.</summary>
public sealed class UnknownModelException(string model)
    : KeyNotFoundException($"unknown model '{model}': no Routing:Models:{model} is configured")
{
    public string Model { get; } = model;
}
