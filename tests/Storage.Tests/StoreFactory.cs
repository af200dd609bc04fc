using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HybridInference.Storage.Tests;

internal static class StoreFactory
{
    public static StoreConnection Connect(string connectionString, ILoggerFactory? logs = null, string prefix = "hi") =>
        new(Options.Create(new StoreOptions { ConnectionString = connectionString, KeyPrefix = prefix, ConnectTimeoutMs = 1000 }),
            (logs ?? NullLoggerFactory.Instance).CreateLogger<StoreConnection>());

    /// <summary>A key prefix of its own per test, so tests sharing one server never see each other's keys.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
