using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HybridInference.Router.Routing;

/// <summary>
/// Keeps the parsed routing configuration and swaps it when the configuration reloads. A reload that fails
/// validation is refused and logged with every error; the last valid configuration stays in effect.
/// </summary>
internal sealed partial class RoutingTable : IRoutingTable, IDisposable
{
    private readonly IOptionsFactory<RoutingOptions> _factory;
    private readonly TimeProvider _time;
    private readonly ILogger<RoutingTable> _logger;
    private readonly List<IDisposable> _subscriptions;
    private readonly Lock _reloadGate = new();
    private RoutingSnapshot _current;

    public RoutingTable(
        IOptionsMonitor<RoutingOptions> options,
        IOptionsFactory<RoutingOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<RoutingOptions>> changeSources,
        TimeProvider time,
        ILogger<RoutingTable> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _factory = factory;
        _time = time;
        _logger = logger;
        _current = RoutingSnapshot.From(options.CurrentValue, 1, time.GetUtcNow());

        // Built fresh from the factory rather than read from IOptionsMonitor's cache: the monitor clears its
        // cache in a callback on the same token, and callbacks run in no order we can rely on.
        _subscriptions = [.. changeSources.Select(s => ChangeToken.OnChange(s.GetChangeToken, Reload))];
    }

    public RoutingSnapshot Current => Volatile.Read(ref _current);

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());

    private void Reload()
    {
        lock (_reloadGate)
        {
            RoutingOptions options;
            try
            {
                options = _factory.Create(Options.DefaultName);
            }
            catch (OptionsValidationException ex)
            {
                Log.Refused(_logger, Current.Revision, string.Join("; ", ex.Failures));
                return;
            }

            var next = RoutingSnapshot.From(options, Current.Revision + 1, _time.GetUtcNow());

            // Any key of the configuration reloads together; only a change of routing makes a new revision.
            if (next.SameSettingsAs(Current))
            {
                return;
            }

            Volatile.Write(ref _current, next);
            Log.Reloaded(_logger, next.Revision, next.Models.Count, next.Rules.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Routing configuration revision {Revision} in effect: {ModelCount} model(s), {RuleCount} rule(s)")]
        public static partial void Reloaded(ILogger logger, long revision, int modelCount, int ruleCount);

        [LoggerMessage(2, LogLevel.Error, "Routing configuration change refused, revision {Revision} stays in effect: {Errors}")]
        public static partial void Refused(ILogger logger, long revision, string errors);
    }
}
