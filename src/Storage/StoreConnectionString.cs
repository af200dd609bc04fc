using System.Diagnostics.CodeAnalysis;
using StackExchange.Redis;

namespace HybridInference.Storage;

/// <summary>Parses and checks a Redis connection string the same way for services and the AppHost.</summary>
public static class StoreConnectionString
{
    public static bool TryParse(
        string connectionString,
        [NotNullWhen(true)] out ConfigurationOptions? options,
        [NotNullWhen(false)] out string? error)
    {
        options = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "the value is empty; expected host:port, e.g. 127.0.0.1:6379";
            return false;
        }

        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            error = $"'{connectionString}' is not a Redis connection string ({ex.Message})";
            return false;
        }

        if (parsed.EndPoints.Count == 0)
        {
            error = $"'{connectionString}' names no endpoint; expected host:port, e.g. 127.0.0.1:6379";
            return false;
        }

        foreach (var endpoint in parsed.EndPoints)
        {
            if (endpoint is System.Net.DnsEndPoint { Port: <= 0 or > 65535 } dns)
            {
                error = $"'{connectionString}' has an invalid port for host '{dns.Host}'";
                return false;
            }
        }

        options = parsed;
        error = null;
        return true;
    }
}
