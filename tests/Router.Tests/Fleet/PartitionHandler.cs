namespace HybridInference.Router.Tests.Fleet;

/// <summary>
/// A network partition between the router and the real registry: while the switch is cut, requests fail as a
/// refused connection would; otherwise they go through to the registry untouched. One switch serves every
/// handler chain the client factory builds.
/// </summary>
internal sealed class PartitionHandler(PartitionHandler.Switch partition, HttpMessageHandler registry) : DelegatingHandler(registry)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        partition.Cut
            ? throw new HttpRequestException("Connection refused (registry.test:80)", null, System.Net.HttpStatusCode.ServiceUnavailable)
            : base.SendAsync(request, cancellationToken);

    public sealed class Switch
    {
        private bool _cut;

        public bool Cut
        {
            get => Volatile.Read(ref _cut);
            set => Volatile.Write(ref _cut, value);
        }
    }
}
