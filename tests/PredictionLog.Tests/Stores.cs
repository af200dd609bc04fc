using HybridInference.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HybridInference.PredictionLog.Tests;

internal static class Stores
{
    public static StoreConnection Connect(string connectionString) =>
        new(Options.Create(new StoreOptions { ConnectionString = connectionString, KeyPrefix = "t" + Guid.NewGuid().ToString("N")[..10], ConnectTimeoutMs = 500, CommandTimeoutMs = 500 }),
            NullLogger<StoreConnection>.Instance);
}
