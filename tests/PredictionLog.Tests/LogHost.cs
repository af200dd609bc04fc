using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HybridInference.PredictionLog.Tests;

/// <summary>A process with the store client and the prediction log, as the router hosts them.</summary>
internal static class LogHost
{
    public static IHost Build(string store, string prefix, string spool, int memoryBuffer = 100, TimeProvider? time = null, int flushIntervalMs = 0, int storeTimeoutMs = 300, Dictionary<string, string?>? extra = null)
    {
        var timeout = storeTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:store"] = store,
            ["Store:KeyPrefix"] = prefix,
            ["Store:ConnectTimeoutMs"] = timeout,
            ["Store:CommandTimeoutMs"] = timeout,
            ["Presence:Service"] = "log-test",
            ["PredictionLog:SpoolDirectory"] = spool,
            ["PredictionLog:MemoryBufferRecords"] = memoryBuffer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PredictionLog:BatchSize"] = "64",
            ["PredictionLog:RetryDelayMs"] = "50",
            ["PredictionLog:FlushIntervalMs"] = flushIntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (extra is not null)
        {
            builder.Configuration.AddInMemoryCollection(extra);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.AddStore();
        builder.AddPredictionLog();
        return builder.Build();
    }

    /// <summary>Polls a condition a bounded number of times: the writer runs on its own task.</summary>
    public static async Task WaitForAsync(Func<Task<bool>> condition, string what, int attempts = 300)
    {
        for (var i = 0; i < attempts; i++)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The store is coming back (or busy): ask again.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"timed out waiting for {what}");
    }

    public static PredictionStore Store(this IHost host) => host.Services.GetRequiredService<PredictionStore>();

    public static PredictionLogger Logger(this IHost host) => host.Services.GetRequiredService<PredictionLogger>();

    public static PredictionJournal Journal(this IHost host) => host.Services.GetRequiredService<PredictionJournal>();

    public static PredictionLogWriter Writer(this IHost host) => host.Services.GetRequiredService<PredictionLogWriter>();
}
