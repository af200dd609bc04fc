using HybridInference.Contracts.Chaos;
using HybridInference.Faults.Distribution;
using HybridInference.Storage;
using StackExchange.Redis;

namespace HybridInference.Faults.Store;

/// <summary>
/// Makes every store command of this service fail while a <see cref="FaultKind.StoreOutage"/> fault is active
/// (at its rate, per command). The fault reader goes through it too, so during the outage the service really
/// cannot read its faults, and the outage ends by the locally kept expiry.
/// </summary>
internal sealed class StoreOutageInterceptor(FaultState state, IFaultRandom random, FaultMetrics metrics) : IStoreInterceptor
{
    /// <summary>
    /// The proxy only while an outage is active: every store command of every service goes through here, and the
    /// proxy's reflection is not free. Callers take <c>StoreConnection.Database</c> per use, so a handle taken
    /// before an outage starts is used for one command or one batch at most.
    /// </summary>
    public IDatabase Intercept(IDatabase database) =>
        state.Current.First(FaultKind.StoreOutage) is null ? database : OutageProxy.Wrap(database, Failure);

    private Exception? Failure()
    {
        if (state.Current.First(FaultKind.StoreOutage) is not { } outage || (outage.Rate < 1 && random.NextDouble() >= outage.Rate))
        {
            return null;
        }

        metrics.Injected(outage);
        return new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, $"Store unreachable: injected fault {outage.Id} (store outage of {state.Service})", null, CommandStatus.WaitingToBeSent);
    }
}
