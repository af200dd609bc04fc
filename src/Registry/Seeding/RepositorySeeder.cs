using System.Globalization;
using System.Text.Json;
using HybridInference.Registry.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridInference.Registry.Seeding;

/// <summary>
/// Imports a Triton-layout model repository (the committed <c>models/</c>) at start, through the same
/// validation as an upload, and points <c>champion</c> at the highest version of a model that has none.
/// Idempotent (content-addressed), and retried while the store is unreachable. Also the readiness check
/// <c>seed</c>: a registry that has not imported its models yet is not ready to serve them.
/// </summary>
public sealed partial class RepositorySeeder(
    IOptions<RegistryOptions> options,
    ModelRegistrar registrar,
    ModelRegistryStore registry,
    TimeProvider time,
    ILogger<RepositorySeeder> logger) : BackgroundService, IHealthCheck
{
    public const string Actor = "seed";

    private volatile string _state = "not started";
    private volatile bool _done;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy(_state) : HealthCheckResult.Unhealthy(_state));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = options.Value.SeedDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            (_state, _done) = ("no Registry:SeedDirectory configured", true);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await SeedAsync(directory, stoppingToken);
                (_state, _done) = ($"imported {count} version(s) from {directory}", true);
                LogSeeded(count, directory);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _state = $"waiting for the store to import {directory}: {ex.Message}";
                LogStoreDown(directory, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken);
            }
        }
    }

    private async Task<int> SeedAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Registry:SeedDirectory '{directory}' does not exist");
        }

        var count = 0;
        foreach (var modelDirectory in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var model = Path.GetFileName(modelDirectory);
            var versions = Directory.EnumerateDirectories(modelDirectory)
                .Select(d => (Path: d, Number: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0))
                .Where(v => v.Number > 0 && File.Exists(Path.Combine(v.Path, "model.onnx")) && File.Exists(Path.Combine(v.Path, "model-card.json")))
                .OrderBy(v => v.Number);

            ModelVersion? highest = null;
            foreach (var (path, number) in versions)
            {
                using var card = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(path, "model-card.json"), cancellationToken));
                await using var file = File.OpenRead(Path.Combine(path, "model.onnx"));
                var outcome = await registrar.RegisterAsync(model, file, card.RootElement, null, new Dictionary<string, string> { ["source"] = $"seed:{model}/{number}" }, Actor, cancellationToken);
                if (outcome.Errors.Count > 0)
                {
                    LogSeedRejected(model, number, string.Join("; ", outcome.Errors));
                    continue;
                }

                highest = outcome.Version;
                count += outcome.Created ? 1 : 0;
            }

            if (highest is not null && await registry.ResolveAliasAsync(model, ModelAliases.Champion) is null)
            {
                await registry.MoveAliasAsync(model, ModelAliases.Champion, null, highest.Version, Actor, "initial champion from the seed repository");
            }
        }

        return count;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Seeded {Count} new model version(s) from {Directory}")]
    private partial void LogSeeded(int count, string directory);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Store unreachable while seeding from {Directory}, retrying: {Reason}")]
    private partial void LogStoreDown(string directory, string reason);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Seed version {Model}/{Version} rejected: {Errors}")]
    private partial void LogSeedRejected(string model, int version, string errors);
}
