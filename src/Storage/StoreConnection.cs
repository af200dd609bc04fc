using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Storage;

/// <summary>
/// Owns the one multiplexer a process uses. It connects with <c>abortConnect=false</c>, so a service
/// whose store is not there yet still starts, reports the outage in its log and health, and heals by
/// itself when the store appears: the store being late must not crash-loop the mesh.
/// </summary>
public sealed partial class StoreConnection : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _multiplexer;
    private readonly ILogger<StoreConnection> _logger;
    private readonly IStoreInterceptor? _interceptor;

    public StoreConnection(IOptions<StoreOptions> options, ILogger<StoreConnection> logger, IStoreInterceptor? interceptor = null)
    {
        _logger = logger;
        _interceptor = interceptor;
        var settings = options.Value;
        if (!StoreConnectionString.TryParse(settings.ConnectionString, out var config, out var error))
        {
            throw new OptionsValidationException(StoreOptions.SectionName, typeof(StoreOptions), [error]);
        }

        config.AbortOnConnectFail = false;
        config.ConnectTimeout = settings.ConnectTimeoutMs;
        config.SyncTimeout = settings.CommandTimeoutMs;
        config.AsyncTimeout = settings.CommandTimeoutMs;
        config.ConnectRetry = 1;
        config.ClientName ??= AppDomain.CurrentDomain.FriendlyName;
        Endpoints = string.Join(",", config.EndPoints.Select(StoreEndpoints.Format));
        KeyPrefix = settings.KeyPrefix;

        _multiplexer = ConnectionMultiplexer.Connect(config);
        _multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(Endpoints, e.FailureType, e.Exception?.Message);
        _multiplexer.ConnectionRestored += (_, _) => LogConnectionRestored(Endpoints);
        if (_multiplexer.IsConnected)
        {
            LogConnected(Endpoints);
        }
        else
        {
            LogUnreachableAtStart(Endpoints);
        }
    }

    /// <summary>The store's endpoints as configured, for messages.</summary>
    public string Endpoints { get; }

    /// <summary>Prefix of every key this deployment writes.</summary>
    public string KeyPrefix { get; }

    public IConnectionMultiplexer Multiplexer => _multiplexer;

    public bool IsConnected => _multiplexer.IsConnected;

    public IDatabase Database => _interceptor is null ? _multiplexer.GetDatabase() : _interceptor.Intercept(_multiplexer.GetDatabase());

    /// <summary>A key under this deployment's prefix, e.g. <c>Key("presence", "router")</c> = <c>hi:presence:router</c>.</summary>
    public RedisKey Key(params string[] parts) => KeyPrefix + ":" + string.Join(':', parts);

    public async ValueTask DisposeAsync() => await _multiplexer.DisposeAsync();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Store connected at {Endpoints}")]
    private partial void LogConnected(string endpoints);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "Store unreachable at {Endpoints} during start-up; the service runs degraded and keeps retrying in the background")]
    private partial void LogUnreachableAtStart(string endpoints);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Store connection to {Endpoints} failed ({FailureType}): {Reason}")]
    private partial void LogConnectionFailed(string endpoints, ConnectionFailureType failureType, string? reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Store connection to {Endpoints} restored")]
    private partial void LogConnectionRestored(string endpoints);
}
