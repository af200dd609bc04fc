using HybridInference.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var fleet = builder.GetFleetOptions();
var wan = builder.GetWanOptions();

// Resources
var store = builder.AddHybridStore();

// Services
var registry = builder.AddService<Projects.Registry>("registry")
    .WithRole("registry")
    .WithSeedRepository(builder)
    .WithStore(store)
    .WithHttpHealthCheck("/health");

var cloud = builder.AddService<Projects.CloudInference>("cloud-inference")
    .WithRole("cloud")
    .WithModelRepository(builder)
    .WithStore(store)
    // The champion and challenger of its models; no WaitFor: the cloud serves its repository while the registry is away.
    .WithRegistryVersions(registry)
    .WithHttpHealthCheck("/health");

var edges = builder.AddEdgeNodes(fleet, store, registry);

var router = builder.AddService<Projects.Router>("router")
    .WithRole("router")
    .WithStore(store)
    .WithReference(cloud).WaitFor(cloud)
    // The fleet view; no WaitFor: the router serves on its own checks while the registry is away.
    .WithReference(registry)
    .WithEdgeReferences(edges)
    .WithWanLink(wan)
    .WithHttpHealthCheck("/health", endpointName: "http");

// Cloud rollouts set the router's per-version weights and wait for the cloud to serve the candidate.
registry.WithReference(router).WithReference(cloud);

builder.AddService<Projects.ChaosLab>("chaoslab")
    .WithRole("chaoslab")
    .WithStore(store)
    .WithReference(router).WaitFor(router)
    // Follows the rollouts an experiment's harness starts; no WaitFor: experiments may kill the registry.
    .WithReference(registry)
    .WithHttpHealthCheck("/health");

builder.AddModelSigning(registry, cloud, edges);

builder.Build().Run();
