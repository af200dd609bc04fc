using HybridInference.ServiceDefaults.Security;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HybridInference.Clients.Predictions;
using HybridInference.Clients.Resilience;
using HybridInference.Contracts.Predictions;
using HybridInference.PredictionLog;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.Clients.Tests.Predictions;

/// <summary>The client against the real prediction log API over a real store, mapped as the router maps it.</summary>
public sealed class PredictionsClientTests : IAsyncLifetime
{
    private readonly EmbeddedGarnet _garnet = new("127.0.0.1", FreePort.Next());
    private readonly string _spool = Directory.CreateTempSubdirectory("hi-clients-spool-").FullName;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private PredictionsClient Client => new(_http);

    public async Task InitializeAsync()
    {
        var builder = LoopbackApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:store"] = $"127.0.0.1:{_garnet.Port}",
            ["PredictionLog:SpoolDirectory"] = _spool,
            ["Auth:SigningKey"] = TestAuth.SigningKey,
        });
        builder.AddServiceAuthentication();
        builder.AddStore();
        builder.AddPredictionLog();
        _app = builder.Build();
        _app.MapPredictionLogApi();
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = LoopbackApp.Address(_app) }.Authorize();
        await _app.Services.GetRequiredService<PredictionStore>().WriteAsync(
        [
            Record("in-1", _now.AddMinutes(-1), "edge", answered: 1, label: 1, latencyMs: 2),
            Record("in-2", _now.AddMinutes(-2), "cloud", answered: 0, label: 0, latencyMs: 30),
            Record("old", _now.AddMinutes(-30), "edge", answered: 1, label: 2, latencyMs: 4),
        ]);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _garnet.Dispose();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task SummaryAsync_LastMinutes_SummarisesOnlyThatWindow()
    {
        var summary = await Client.SummaryAsync(minutes: 5);

        Assert.Equal(2, summary.Requests);
        Assert.Equal(new Dictionary<string, int> { ["cloud"] = 1, ["edge"] = 1 }, summary.PerTier);
        Assert.Equal(new Dictionary<string, int> { ["low-confidence"] = 1 }, summary.EscalationReasons);
        Assert.Equal(0.5, summary.EscalationRate);
        Assert.Equal(1.0, summary.Accuracy);
        Assert.Equal(new LatencySummary(1, 30, 30, 30, 30), summary.LatencyPerTier["cloud"]);
    }

    [Fact]
    public async Task SummaryAsync_FromTo_SummarisesThatWindow()
    {
        var summary = await Client.SummaryAsync(_now.AddMinutes(-40), _now.AddMinutes(-10));

        Assert.Equal(1, summary.Requests);
        Assert.Equal(0.0, summary.Accuracy);
        Assert.Equal(_now.AddMinutes(-40), summary.From);
        Assert.Equal(_now.AddMinutes(-10), summary.To);
    }

    [Fact]
    public async Task SummaryAsync_ReadsEveryFieldTheLogWrites()
    {
        string Text(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var written = JsonNode.Parse(await _http.GetStringAsync($"/admin/predictions/summary?from={Text(_now.AddMinutes(-40))}&to={Text(_now)}"));

        var read = await Client.SummaryAsync(_now.AddMinutes(-40), _now);

        Assert.True(JsonNode.DeepEquals(written, JsonSerializer.SerializeToNode(read, PredictionsJsonContext.Default.PredictionSummary)), written?.ToJsonString());
    }

    [Fact]
    public async Task SummaryAsync_FromAfterTo_ThrowsTheLogsBadRequest()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => Client.SummaryAsync(_now, _now.AddMinutes(-1)));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.StartsWith("'from' (", ex.Detail, StringComparison.Ordinal);
        Assert.Contains(") is after 'to' (", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummaryAsync_MinutesOutOfRange_ThrowsTheLogsBadRequest()
    {
        var ex = await Assert.ThrowsAsync<ApiException>(() => Client.SummaryAsync(minutes: 2000));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("'minutes' must be between 0 and 1440, got 2000", ex.Detail);
    }

    [Fact]
    public async Task SummaryAsync_ServiceWithoutTheLog_ThrowsNotFound()
    {
        // An address that is not the router's: a service that maps no prediction log answers 404.
        await using var other = LoopbackApp.CreateBuilder().Build();
        await other.StartAsync();
        using var http = new HttpClient { BaseAddress = LoopbackApp.Address(other) };

        var ex = await Assert.ThrowsAsync<ApiException>(() => new PredictionsClient(http).SummaryAsync(minutes: 5));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task SummaryAsync_RouterDown_ThrowsUnreachable()
    {
        using var closed = new ReservedPort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{closed.Port}") };

        var ex = await Assert.ThrowsAsync<ApiException>(() => new PredictionsClient(http).SummaryAsync(minutes: 5));

        Assert.True(ex.Unreachable);
        Assert.Equal("router", ex.Service);
    }

    [Fact]
    public void AddPredictionsClient_Defaults_RetriesReadsWithALongerAttempt()
    {
        var services = new ServiceCollection().AddOperatorCredential();
        services.AddPredictionsClient((_, http) => http.BaseAddress = new Uri("http://router"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<ClientResilienceOptions>>().Get(PredictionsClientExtensions.PipelineName);

        Assert.NotNull(provider.GetRequiredService<PredictionsClient>());
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), 3), (options.TotalTimeout, options.AttemptTimeout, options.MaxRetryAttempts));
    }

    private static PredictionRecord Record(string id, DateTimeOffset at, string tier, int answered, int label, double latencyMs) => new()
    {
        RequestId = id,
        Timestamp = at,
        Model = "fashion",
        Tier = tier,
        EdgeClass = tier == "edge" ? answered : 6,
        EdgeConfidence = 0.9,
        CloudClass = tier == "cloud" ? answered : null,
        EscalationReason = tier == "cloud" ? "low-confidence" : null,
        TotalLatencyMs = latencyMs,
        Label = label,
    };
}
