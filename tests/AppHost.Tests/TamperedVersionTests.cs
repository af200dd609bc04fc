using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HybridInference.TestSupport;
using HybridInference.Training.Data;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace HybridInference.AppHost.Tests;

/// <summary>
/// Issue 15's signed models in the whole app: someone with write access to the registry's storage (its artifact
/// directory, or the store holding its records) alters a registered version, and the version is assigned to a real
/// edge node (edge-3) through the fleet API. The node refuses it before loading (a tampered artifact, a tampered
/// card, an unsigned record), reports the refusal with its reason, logs it, and keeps answering with what it served.
/// Each test puts edge-3 back on the version it started on, so the collection's other tests see it unchanged.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class TamperedVersionTests(FleetApp app, ITestOutputHelper output)
{
    private const string Model = "fashion-edge";
    private const string Device = "edge-3";

    private static readonly ImageSet Images = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);

    [Fact]
    public async Task TamperedArtifact_IsRefusedByEdge3_AsADigestMismatch_AndEdge3KeepsServingItsVersion()
    {
        using var registry = app.Client("registry", "http");
        var (version, digest, bytes) = await RegisterDistinctVersionAsync(registry, "tampered-artifact");

        // The registry's artifact directory under its content root (its default: Registry:ArtifactDirectory unset).
        var hex = digest["sha256:".Length..];
        var path = RepositoryRoot.Combine("src", "Registry", ".data", "artifacts", "sha256", hex[..2], hex);
        try
        {
            var tampered = bytes.ToArray();
            tampered[tampered.Length / 2] ^= 0xFF;
            await File.WriteAllBytesAsync(path, tampered);
            var served = await registry.GetByteArrayAsync($"/api/artifacts/{digest}");
            Assert.NotEqual(hex, Convert.ToHexStringLower(SHA256.HashData(served)));

            var report = await AssertRefusedAsync(registry, version, "digest-mismatch", $"Refused {Model} version {version}: digest mismatch");

            Assert.Contains($"expected {digest}", report.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            // A file already at its content address is kept by the registry: leave the genuine bytes for later runs.
            await File.WriteAllBytesAsync(path, bytes);
        }
    }

    [Fact]
    public async Task TamperedCard_IsRefusedByEdge3_AsACardMismatch_AndEdge3KeepsServingItsVersion()
    {
        using var registry = app.Client("registry", "http");
        var (version, _, _) = await RegisterDistinctVersionAsync(registry, "tampered-card");

        // An inflated accuracy written into the stored record, its genuine envelope left in place.
        await RewriteStoredRecordAsync(version, record => record["card"]!["evaluation"]!["testAccuracy"] = 0.99);
        var served = await registry.GetFromJsonAsync<JsonElement>($"/api/models/{Model}/versions/{version}");
        Assert.Equal(0.99, served.GetProperty("card").GetProperty("evaluation").GetProperty("testAccuracy").GetDouble());
        Assert.Equal(JsonValueKind.Object, served.GetProperty("envelope").ValueKind);

        await AssertRefusedAsync(registry, version, "refused", $"Refused {Model} version {version} (card-mismatch)", reason: "card-mismatch");
    }

    [Fact]
    public async Task UnsignedVersion_IsRefusedByEdge3_AndEdge3KeepsServingItsVersion()
    {
        using var registry = app.Client("registry", "http");
        var (version, _, _) = await RegisterDistinctVersionAsync(registry, "unsigned");

        await RewriteStoredRecordAsync(version, record => record.Remove("envelope"));
        var served = await registry.GetFromJsonAsync<JsonElement>($"/api/models/{Model}/versions/{version}");
        Assert.False(served.TryGetProperty("envelope", out var envelope) && envelope.ValueKind != JsonValueKind.Null, $"still signed: {served}");

        await AssertRefusedAsync(registry, version, "refused", $"Refused {Model} version {version} (unsigned)", reason: "unsigned");
    }

    /// <summary>
    /// Sets edge-3's desired state to <paramref name="version"/> and asserts the refusal: the report for that
    /// generation has <paramref name="status"/> (and its detail starts with <paramref name="reason"/>), the fleet view
    /// still runs the starting version, edge-3 answers with it, and its log has <paramref name="logged"/>. Then puts
    /// edge-3 back on the starting version and waits for it to converge there.
    /// </summary>
    private async Task<JsonElement> AssertRefusedAsync(HttpClient registry, int version, string status, string logged, string? reason = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var edge = app.Client(Device, "http");
        await FleetRolloutTests.WaitAsync(async () => (await FleetRolloutTests.DeviceAsync(registry, Device))?.GetProperty("state").GetString() == "online", $"{Device} online");
        var before = (await FleetRolloutTests.DeviceAsync(registry, Device))!.Value.GetProperty("running");
        var startingVersion = before.GetProperty("version").GetInt32();
        var startingDigest = before.GetProperty("digest").GetString();
        Assert.NotEqual(version, startingVersion);
        Assert.Equal(startingVersion.ToString(CultureInfo.InvariantCulture), await ServedVersionAsync(edge));

        using var watching = new CancellationTokenSource();
        var lines = new ConcurrentQueue<string>();
        var watch = WatchLogAsync(lines, watching.Token);
        try
        {
            var generation = await DesireAsync(registry, version, $"whole-app tamper test: {status} {reason}");
            await FleetRolloutTests.WaitAsync(async () => (await FleetRolloutTests.DeviceAsync(registry, Device))?.GetProperty("lastReport") is { ValueKind: JsonValueKind.Object } r
                && r.GetProperty("generation").GetInt64() == generation, $"{Device} reports on version {version}");
            var view = (await FleetRolloutTests.DeviceAsync(registry, Device))!.Value;
            var report = view.GetProperty("lastReport");
            output.WriteLine($"report: {report}");

            Assert.Equal(status, report.GetProperty("status").GetString());
            if (reason is not null)
            {
                Assert.StartsWith(reason + ":", report.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            Assert.Equal("failed", view.GetProperty("health").GetString());
            Assert.False(view.GetProperty("converged").GetBoolean());
            Assert.Equal(startingVersion, view.GetProperty("running").GetProperty("version").GetInt32());
            Assert.Equal(startingDigest, view.GetProperty("running").GetProperty("digest").GetString());
            Assert.Equal(startingVersion.ToString(CultureInfo.InvariantCulture), await ServedVersionAsync(edge));

            // The node's error log line (its refusal counter goes to OTLP only, which the tests' app does not collect).
            await FleetRolloutTests.WaitAsync(() => Task.FromResult(lines.Any(l => l.Contains(logged, StringComparison.Ordinal))), $"{Device} logs '{logged}'");
            output.WriteLine("logged: " + lines.First(l => l.Contains(logged, StringComparison.Ordinal)).Trim());
            return report;
        }
        finally
        {
            await watching.CancelAsync();
            await watch;

            var restore = await DesireAsync(registry, startingVersion, "whole-app tamper test: back to the starting version");
            await FleetRolloutTests.WaitAsync(async () => (await FleetRolloutTests.DeviceAsync(registry, Device)) is { } v
                && v.GetProperty("lastReport") is var r && r.GetProperty("generation").GetInt64() == restore
                && r.GetProperty("status").GetString() == "applied" && v.GetProperty("converged").GetBoolean(), $"{Device} back on version {startingVersion}");
            output.WriteLine($"{Device}: refused version {version} and back on version {startingVersion} in {started.Elapsed.TotalSeconds:F1} s");
        }
    }

    private static async Task<long> DesireAsync(HttpClient registry, int version, string reason)
    {
        using var put = await registry.PutAsJsonAsync($"/api/fleet/devices/{Device}/desired", new { model = Model, version, actor = "tamper-test", reason });
        var body = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(put.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("generation").GetInt64();
    }

    /// <summary>Writes the version's record straight into the store, as someone with the store's address can.</summary>
    private async Task RewriteStoredRecordAsync(int version, Action<JsonObject> change)
    {
        var connectionString = await app.App.GetConnectionStringAsync("store") ?? throw new InvalidOperationException("no store connection string");
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var key = $"hi:registry:model:{Model}:version:{version}";
        var stored = await redis.GetDatabase().StringGetAsync(key);
        Assert.True(stored.HasValue, $"{key} is not in the store");
        var record = JsonNode.Parse(stored.ToString())!.AsObject();
        change(record);
        Assert.True(await redis.GetDatabase().StringSetAsync(key, record.ToJsonString()));
    }

    /// <summary>
    /// Registers the committed edge model with an unknown protobuf field appended (ONNX Runtime skips it) carrying
    /// <paramref name="marker"/>: a loadable version whose content no other test uses, the same in every run.
    /// </summary>
    private static async Task<(int Version, string Digest, byte[] Bytes)> RegisterDistinctVersionAsync(HttpClient registry, string marker)
    {
        var onnx = await File.ReadAllBytesAsync(RepositoryRoot.Combine("models", Model, "1", "model.onnx"));
        var field = System.Text.Encoding.UTF8.GetBytes("whole-app-" + marker);
        byte[] model = [.. onnx, 0xA2, 0x06, (byte)field.Length, .. field];
        var card = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("models", Model, "1", "model-card.json")))!.AsObject();
        card["file"]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(model));
        card["file"]!["sizeBytes"] = model.Length;
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(model), "model", "model.onnx" },
            { new StringContent(card.ToJsonString()), "card", "model-card.json" },
            { new StringContent("tamper-test"), "actor" },
        };
        using var response = await registry.PostAsync($"/api/models/{Model}/versions", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, body.ToString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("envelope").ValueKind);
        return (body.GetProperty("version").GetInt32(), body.GetProperty("digest").GetString()!, model);
    }

    private static async Task<string?> ServedVersionAsync(HttpClient edge)
    {
        using var response = await edge.PostAsJsonAsync($"/v2/models/{Model}/infer", OipClient.Request(Images, 0, 4, "tamper-test", labels: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("model_version").GetString();
    }

    private async Task WatchLogAsync(ConcurrentQueue<string> lines, CancellationToken cancellationToken)
    {
        try
        {
            // By the resource, not its name: the logger service keys logs by the orchestrator's instance names.
            var resource = app.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == Device);
            await foreach (var batch in app.App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resource).WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    lines.Enqueue(line.Content);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
