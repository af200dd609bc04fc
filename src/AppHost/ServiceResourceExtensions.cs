using Microsoft.Extensions.Configuration;

namespace HybridInference.AppHost;

internal static class ServiceResourceExtensions
{
    public static FleetOptions GetFleetOptions(this IDistributedApplicationBuilder builder)
    {
        var fleet = builder.Configuration.GetSection(FleetOptions.SectionName).Get<FleetOptions>() ?? new FleetOptions();
        var errors = fleet.Validate();
        if (errors.Count > 0)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, errors));
        }

        return fleet;
    }

    /// <summary>
    /// Adds a project without a launch profile: several edge nodes run the same project, so ports come
    /// from the orchestrator, never from launchSettings. Services that need fixed ports (the router)
    /// declare them as Kestrel endpoints in their own appsettings.json. When the AppHost runs the app
    /// (development, the whole-app tests), every service follows the faults ChaosLab sets
    /// (<c>Faults:Enabled</c>, off by default); a published deployment gets no such switch from here.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var service = builder.AddProject<TProject>(name, launchProfileName: null)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName);
        if (builder.ExecutionContext.IsRunMode)
        {
            service.WithEnvironment("Faults__Enabled", "true");
        }

        return service.Resource.Annotations.OfType<EndpointAnnotation>().Any()
            ? service
            : service.WithHttpEndpoint();
    }

    /// <summary>
    /// Points an inference service at the committed model repository (<c>models/</c> at the repository
    /// root, Triton layout <c>{model}/{version}/model.onnx</c>), so running the system needs no training.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithModelRepository(this IResourceBuilder<ProjectResource> service, IDistributedApplicationBuilder builder) =>
        service.WithEnvironment("ModelRepository__Path", CommittedModels(builder));

    /// <summary>The registry imports the committed models at start (idempotent), so the fleet has versions to run.</summary>
    public static IResourceBuilder<ProjectResource> WithSeedRepository(this IResourceBuilder<ProjectResource> registry, IDistributedApplicationBuilder builder) =>
        registry.WithEnvironment("Registry__SeedDirectory", CommittedModels(builder));

    private static string CommittedModels(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", "models"));

    /// <summary>
    /// The cloud server follows the registry's aliases of its models, keeping downloads in a directory of this
    /// AppHost run (like the edge nodes' caches): a new run does not inherit versions its fresh registry never named.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRegistryVersions(this IResourceBuilder<ProjectResource> cloud, IResourceBuilder<ProjectResource> registry) =>
        cloud.WithReference(registry)
            .WithEnvironment("CloudRegistry__CacheDirectory", Path.Combine(Path.GetTempPath(), "hybridinference-cloud", Guid.NewGuid().ToString("N")[..12]));

    /// <summary>
    /// The service trusts this run's development issuer and calls other services with a token of its own: subject
    /// its resource name (or <paramref name="subject"/>), the given scopes.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAuth(this IResourceBuilder<ProjectResource> service, DevAuth auth, IReadOnlyCollection<string> scopes, string? subject = null) =>
        auth.Apply(service, subject ?? service.Resource.Name, scopes);

    /// <summary>The registry enrols devices with the run's bootstrap secret and issues their credentials.</summary>
    public static IResourceBuilder<ProjectResource> WithEnrolmentAuthority(this IResourceBuilder<ProjectResource> registry, DevAuth auth) =>
        auth.ApplyEnrolmentAuthority(registry);

    /// <summary>An edge node enrols itself at the registry with the run's bootstrap secret.</summary>
    public static IResourceBuilder<ProjectResource> WithDeviceEnrolment(this IResourceBuilder<ProjectResource> edge, DevAuth auth) =>
        auth.ApplyDevice(edge);

    /// <summary>Tells a service what it is, for its presence record and telemetry.</summary>
    public static IResourceBuilder<ProjectResource> WithRole(this IResourceBuilder<ProjectResource> service, string role) =>
        service.WithEnvironment("Presence__Role", role);

    /// <summary>
    /// One EdgeInference process per node: <c>edge-1</c>..<c>edge-N</c>, each with its own device id and site,
    /// following the registry's fleet manager. They do not wait for the registry: a node serves without it.
    /// </summary>
    public static IReadOnlyList<IResourceBuilder<ProjectResource>> AddEdgeNodes(
        this IDistributedApplicationBuilder builder, FleetOptions fleet, StoreResources store, IResourceBuilder<ProjectResource> registry, DevAuth auth)
    {
        // The store lives as long as one AppHost run, so the nodes' model caches do too: a node restarted within
        // a run starts from its cache; a new run does not inherit versions its fresh registry never assigned.
        var cache = Path.Combine(Path.GetTempPath(), "hybridinference-fleet", Guid.NewGuid().ToString("N")[..12]);
        List<IResourceBuilder<ProjectResource>> edges = [];
        for (var i = 0; i < fleet.EdgeNodes; i++)
        {
            var name = $"edge-{i + 1}";
            var site = fleet.SiteOf(i);
            edges.Add(builder.AddService<Projects.EdgeInference>(name)
                .WithRole("edge")
                .WithEnvironment("Edge__DeviceId", name)
                .WithEnvironment("Edge__Site", site)
                .WithEnvironment("Presence__Site", site)
                .WithModelRepository(builder)
                .WithStore(store)
                .WithReference(registry)
                .WithEnvironment("Fleet__CacheDirectory", cache)
                // Each node enrols with the run's bootstrap secret: its credential is bound to its id and site.
                .WithDeviceEnrolment(auth)
                .WithHttpHealthCheck("/health"));
        }

        return edges;
    }

    /// <summary>The router sends to every edge node: their names go to <c>Edges:Nodes</c>, their addresses come by service discovery.</summary>
    public static IResourceBuilder<ProjectResource> WithEdgeReferences(
        this IResourceBuilder<ProjectResource> router, IReadOnlyList<IResourceBuilder<ProjectResource>> edges)
    {
        for (var i = 0; i < edges.Count; i++)
        {
            router.WithReference(edges[i]).WaitFor(edges[i])
                .WithEnvironment($"Edges__Nodes__{i}", edges[i].Resource.Name);
        }

        return router;
    }

    /// <summary>The simulated WAN link between the sites and the cloud, as the router's cloud client sees it.</summary>
    public static IResourceBuilder<ProjectResource> WithWanLink(this IResourceBuilder<ProjectResource> router, WanOptions wan) =>
        router.WithEnvironment("Links__Cloud__LatencyMs", wan.LatencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Links__Cloud__JitterMs", wan.JitterMs.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Links__Cloud__BandwidthKbps", wan.BandwidthKbps.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static WanOptions GetWanOptions(this IDistributedApplicationBuilder builder)
    {
        var wan = builder.Configuration.GetSection(WanOptions.SectionName).Get<WanOptions>() ?? new WanOptions();
        var errors = wan.Validate();
        return errors.Count > 0 ? throw new DistributedApplicationException(string.Join(Environment.NewLine, errors)) : wan;
    }
}
