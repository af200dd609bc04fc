using HybridInference.AppHost;
using HybridInference.Contracts.Security;

var builder = DistributedApplication.CreateBuilder(args);
var fleet = builder.GetFleetOptions();
var wan = builder.GetWanOptions();
var auth = DevAuth.Create(builder);

// Resources
var store = builder.AddHybridStore();

// Services
var registry = builder.AddService<Projects.Registry>("registry")
    .WithRole("registry")
    .WithSeedRepository(builder)
    .WithStore(store)
    // Cloud rollouts set the router's weights and ask the cloud whether it serves the candidate.
    .WithAuth(auth, [Scopes.RoutingWrite, Scopes.AdminRead, Scopes.Inference])
    // Edge nodes enrol here with the run's bootstrap secret and get their device credentials.
    .WithEnrolmentAuthority(auth)
    .WithHttpHealthCheck("/health");

var cloud = builder.AddService<Projects.CloudInference>("cloud-inference")
    .WithRole("cloud")
    .WithModelRepository(builder)
    .WithStore(store)
    // The champion and challenger of its models; no WaitFor: the cloud serves its repository while the registry is away.
    .WithRegistryVersions(registry)
    .WithAuth(auth, [Scopes.ModelsRead])
    .WithHttpHealthCheck("/health");

var edges = builder.AddEdgeNodes(fleet, store, registry, auth);

var router = builder.AddService<Projects.Router>("router")
    .WithRole("router")
    .WithStore(store)
    .WithReference(cloud).WaitFor(cloud)
    // The fleet view; no WaitFor: the router serves on its own checks while the registry is away.
    .WithReference(registry)
    .WithEdgeReferences(edges)
    .WithWanLink(wan)
    // The fleet view, the edges' device reports, and inference where it needs a token.
    .WithAuth(auth, [Scopes.FleetRead, Scopes.AdminRead, Scopes.Inference])
    .WithHttpHealthCheck("/health", endpointName: "http");

// Cloud rollouts set the router's per-version weights and wait for the cloud to serve the candidate.
registry.WithReference(router).WithReference(cloud);

builder.AddService<Projects.ChaosLab>("chaoslab")
    .WithRole("chaoslab")
    .WithStore(store)
    .WithReference(router).WaitFor(router)
    // Follows the rollouts an experiment's harness starts; no WaitFor: experiments may kill the registry.
    .WithReference(registry)
    // Experiments send labelled traffic, read the prediction log and the router's admin views, and drive rollouts.
    .WithAuth(auth, [Scopes.Inference, Scopes.LabelsWrite, Scopes.PredictionsRead, Scopes.AdminRead, Scopes.RolloutsRead, Scopes.RolloutsWrite, Scopes.FleetRead, Scopes.ModelsRead])
    .WithHttpHealthCheck("/health");

builder.AddModelSigning(registry, cloud, edges);

builder.Build().Run();
