using Microsoft.Extensions.Options;

namespace HybridInference.Router.Routing;

/// <summary>
/// Keeps the parsed routing configuration and swaps it when the configuration reloads. An invalid reload is
/// refused by options validation before it gets here, so the last valid configuration stays in effect.
/// </summary>
internal sealed partial class RoutingTable : IRoutingTable, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger<RoutingTable> _logger;
    private readonly IDisposable? _subscription;
    private RoutingSnapshot _current;

    public RoutingTable(IOptionsMonitor<RoutingOptions> options, TimeProvider time, ILogger<RoutingTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        _current = RoutingSnapshot.From(options.CurrentValue, 1, time.GetUtcNow());
        _subscription = options.OnChange(Reload);
    }

    public RoutingSnapshot Current => Volatile.Read(ref _current);

    public void Dispose() => _subscription?.Dispose();

    private void Reload(RoutingOptions options)
    {
        var next = RoutingSnapshot.From(options, Current.Revision + 1, _time.GetUtcNow());
        Volatile.Write(ref _current, next);
        Log.Reloaded(_logger, next.Revision, next.Models.Count, next.Rules.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Routing configuration revision {Revision} in effect: {ModelCount} model(s), {RuleCount} rule(s)")]
        public static partial void Reloaded(ILogger logger, long revision, int modelCount, int ruleCount);
    }
}
