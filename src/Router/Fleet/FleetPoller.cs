using HybridInference.Clients;
using HybridInference.Clients.Fleet;
using Microsoft.Extensions.Options;

namespace HybridInference.Router.Fleet;

/// <summary>
/// Reads the registry's device list every <c>Fleet:PollSeconds</c> into the <see cref="FleetView"/>. A failed
/// read (registry down, slow, answering garbage) keeps the last good list and is logged once per outage: the
/// registry is the control plane, and its outage must not change where traffic goes.
/// </summary>
public sealed partial class FleetPoller : BackgroundService
{
    /// <summary>The name of the poller's <see cref="FleetClient"/> (the typed client's own, so tests can give it a handler).</summary>
    public const string ClientName = nameof(FleetClient);

    private readonly FleetView _view;
    private readonly IHttpClientFactory _clients;
    private readonly FleetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetPoller> _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private HashSet<string> _rejectedLogged = [];

    public FleetPoller(FleetView view, IHttpClientFactory clients, IOptions<FleetOptions> options, IConfiguration configuration, TimeProvider time, ILogger<FleetPoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        _view = view;
        _clients = clients;
        _options = options.Value;
        _time = time;
        _logger = logger;

        // Like the edge nodes: the registry Aspire references, unless an address is set; with neither, none.
        var address = _options.RegistryAddress is { Length: > 0 } set ? set
            : configuration.GetSection("services:registry").Exists() ? "http://registry"
            : null;
        RegistryAddress = address is null ? null : new Uri(address);
        DevicesAddress = RegistryAddress is null ? null : new Uri(RegistryAddress, "/api/fleet/devices");
        if (DevicesAddress is null)
        {
            _view.Disable();
        }
    }

    /// <summary>The registry's address, the base of the poller's <see cref="FleetClient"/>; null when none is configured.</summary>
    public Uri? RegistryAddress { get; }

    /// <summary>Where the device list is read; null when no registry is configured.</summary>
    public Uri? DevicesAddress { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (DevicesAddress is null)
        {
            LogDisabled();
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.PollSeconds), _time);
        do
        {
            await PollOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Reads the list once; true when it was read. Public so tests can poll at a moment they choose.</summary>
    public async Task<bool> PollOnceAsync(CancellationToken cancellationToken)
    {
        if (DevicesAddress is null)
        {
            return false;
        }

        // One read at a time, so an older answer never overwrites a newer one and each rejection is logged once.
        await _oneAtATime.WaitAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.TimeoutMs), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // A client per poll from the factory (the typed client's named HttpClient), so handlers rotate as usual.
            var devices = await new FleetClient(_clients.CreateClient(ClientName)).ListDevicesAsync(cancellationToken: linked.Token);
            var snapshot = FleetDeviceList.Parse(devices, _time.GetUtcNow());
            LogNewRejections(snapshot);
            if (_view.Update(snapshot) is { } outage)
            {
                LogRecovered(DevicesAddress, outage.Since, snapshot.Devices.Count);
            }

            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the registry does, the poller keeps going: a background service that throws stops the router.
            // An unreachable registry is named by its transport error alone ("Connection refused ..."), as operators know it.
            var reason = timeout.IsCancellationRequested ? $"no answer within {_options.TimeoutMs} ms"
                : ex is ApiException { Unreachable: true } unreachable ? unreachable.Detail
                : ex.Message;
            if (_view.Failed(reason, _time.GetUtcNow()))
            {
                LogUnreachable(DevicesAddress, reason, _view.Current.ReadAt);
            }

            return false;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }

    /// <summary>Logs each rejected rule once, not on every read, and again only if it comes back after a fix.</summary>
    private void LogNewRejections(FleetSnapshot snapshot)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var device in snapshot.Devices.Values)
        {
            foreach (var rejection in device.RejectedRules)
            {
                var key = $"{device.Id}|{device.DesiredGeneration}|{rejection}";
                current.Add(key);
                if (!_rejectedLogged.Contains(key))
                {
                    LogRuleRejected(device.Id, device.DesiredGeneration, rejection);
                }
            }
        }

        _rejectedLogged = current;
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Fleet: registry device list at {Address} unreadable ({Reason}); routing keeps the list read at {ReadAt} until it answers again")]
    private partial void LogUnreachable(Uri address, string reason, DateTimeOffset? readAt);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Fleet: registry device list at {Address} readable again after an outage since {Since}; {Count} device(s)")]
    private partial void LogRecovered(Uri address, DateTimeOffset since, int count);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Fleet: device {Device} desired state {Generation}: rule skipped, {Reason}")]
    private partial void LogRuleRejected(string device, long? generation, string reason);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Fleet: no registry configured (Fleet:RegistryAddress or services:registry); edge nodes are judged by the router's own checks only")]
    private partial void LogDisabled();
}
