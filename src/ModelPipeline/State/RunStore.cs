using StackExchange.Redis;

namespace HybridInference.ModelPipeline.State;

/// <summary>
/// Run documents in the Redis-protocol store, under the services' key prefix:
/// <c>{prefix}:pipeline:run:{id}</c> (JSON), <c>{prefix}:pipeline:run:{id}:onnx</c> and <c>:card</c> (the
/// candidate, so that a resumed run registers exactly the bytes it evaluated), and <c>{prefix}:pipeline:runs</c>
/// (a sorted set of ids by start time). Everything expires after <see cref="Retention"/>.
/// </summary>
public sealed class RunStore(IConnectionMultiplexer connection, string keyPrefix) : IAsyncDisposable
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public string KeyPrefix { get; } = keyPrefix;

    /// <summary>Connects, failing within <paramref name="timeoutMs"/> with <see cref="StoreUnavailableException"/>.</summary>
    public static async Task<RunStore> ConnectAsync(string connectionString, string keyPrefix, int timeoutMs = 3000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new ArgumentException($"store '{connectionString}' is not a Redis connection string ({ex.Message})", nameof(connectionString), ex);
        }

        options.AbortOnConnectFail = true;
        options.ConnectTimeout = timeoutMs;
        options.SyncTimeout = timeoutMs;
        options.AsyncTimeout = timeoutMs;
        options.ConnectRetry = 1;
        try
        {
            return new RunStore(await ConnectionMultiplexer.ConnectAsync(options), keyPrefix);
        }
        catch (RedisConnectionException ex)
        {
            throw new StoreUnavailableException($"store {connectionString} unreachable: {ex.Message}", ex);
        }
    }

    public async Task SaveAsync(PipelineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        await GuardAsync(async db =>
        {
            await db.StringSetAsync(RunKey(run.Id), run.ToJson(), Retention);
            await db.SortedSetAddAsync(IndexKey, run.Id, run.CreatedAt.ToUnixTimeMilliseconds());
            await db.KeyExpireAsync(IndexKey, Retention);
            return true;
        });
    }

    public Task<PipelineRun?> GetAsync(string id) => GuardAsync(async db =>
    {
        var json = await db.StringGetAsync(RunKey(id));
        return json.IsNullOrEmpty ? null : PipelineRun.FromJson(json.ToString());
    });

    public Task SaveCandidateAsync(string id, byte[] onnx, string cardJson) => GuardAsync(async db =>
    {
        await db.StringSetAsync(RunKey(id) + ":onnx", onnx, Retention);
        await db.StringSetAsync(RunKey(id) + ":card", cardJson, Retention);
        return true;
    });

    public Task<(byte[] Onnx, string CardJson)?> GetCandidateAsync(string id) => GuardAsync<(byte[], string)?>(async db =>
    {
        var onnx = await db.StringGetAsync(RunKey(id) + ":onnx");
        var card = await db.StringGetAsync(RunKey(id) + ":card");
        return onnx.IsNullOrEmpty || card.IsNullOrEmpty ? null : ((byte[])onnx!, card.ToString());
    });

    public ValueTask DisposeAsync() => connection is ConnectionMultiplexer m ? m.DisposeAsync() : ValueTask.CompletedTask;

    private string IndexKey => $"{KeyPrefix}:pipeline:runs";

    private string RunKey(string id) => $"{KeyPrefix}:pipeline:run:{id}";

    /// <summary>Runs <paramref name="action"/> on the store, an outage reported as <see cref="StoreUnavailableException"/>; for the pipeline's other records (its triggers).</summary>
    internal Task<T> OnStoreAsync<T>(Func<IDatabase, Task<T>> action) => GuardAsync(action);

    private async Task<T> GuardAsync<T>(Func<IDatabase, Task<T>> action)
    {
        try
        {
            return await action(connection.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            throw new StoreUnavailableException($"store unreachable: {ex.Message}", ex);
        }
    }
}
