using System.ComponentModel.DataAnnotations;

namespace HybridInference.Storage;

/// <summary>Where the Redis-protocol store is and how patiently to wait for it.</summary>
public sealed class StoreOptions
{
    /// <summary>Name of the connection string (<c>ConnectionStrings:store</c>), as the AppHost injects it.</summary>
    public const string ConnectionStringName = "store";

    /// <summary>Configuration section for the tuning knobs below.</summary>
    public const string SectionName = "Store";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    [Required(ErrorMessage = "ConnectionStrings:store is required: the Redis-protocol store's address, e.g. 127.0.0.1:6379.")]
    public string ConnectionString { get; set; } = "";

    /// <summary>How long one connect attempt may take. <value>Defaults to 2000 ms.</value></summary>
    [Range(100, 60_000)]
    public int ConnectTimeoutMs { get; set; } = 2_000;

    /// <summary>How long one command may take before it fails. <value>Defaults to 2000 ms.</value></summary>
    [Range(100, 60_000)]
    public int CommandTimeoutMs { get; set; } = 2_000;

    /// <summary>Prefix of every key the product writes, so one store can hold several deployments.</summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9:_-]*$", ErrorMessage = "Store:KeyPrefix must be lower-case letters, digits, ':', '_' or '-'.")]
    public string KeyPrefix { get; set; } = "hi";
}
