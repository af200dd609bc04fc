using HybridInference.ServiceDefaults.Security;
using HybridInference.Contracts.Predictions;
using System.Net;
using System.Net.Http.Json;
using HybridInference.Store;
using HybridInference.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HybridInference.PredictionLog.Tests;

public sealed class PredictionLogApiTests : IAsyncLifetime
{
    private readonly EmbeddedGarnet _garnet = new("127.0.0.1", FreePort.Next());
    private readonly string _spool = Directory.CreateTempSubdirectory("hi-spool-").FullName;
    private readonly FakeTimeProvider _time = new(Records.T0.AddMinutes(10));
    private WebApplication? _app;

    private HttpClient Client => _app!.GetTestClient().Authorize();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:store"] = $"127.0.0.1:{_garnet.Port}",
            ["PredictionLog:SpoolDirectory"] = _spool,

            // The fake clock never moves on its own, so the writer must not wait on it for more records.
            ["PredictionLog:FlushIntervalMs"] = "0",
            ["Auth:SigningKey"] = TestAuth.SigningKey,
        });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.AddServiceAuthentication();
        builder.AddStore();
        builder.AddPredictionLog();
        _app = builder.Build();
        _app.MapPredictionLogApi();
        await _app.StartAsync();
        await _app.Services.GetRequiredService<PredictionStore>().WriteAsync(
        [
            Records.Edge("in-1", Records.T0.AddMinutes(8), answered: 1, label: 1),
            Records.Cloud("in-2", Records.T0.AddMinutes(9), edgeClass: 6, cloudClass: 0, label: 0),
            Records.Edge("out-1", Records.T0, answered: 1, label: 2),
        ]);
    }

    public async Task DisposeAsync()
    {
        await _app!.DisposeAsync();
        _garnet.Dispose();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task Summary_LastMinutes_CoversOnlyThatWindow()
    {
        var summary = await Client.GetFromJsonAsync<PredictionSummary>("/admin/predictions/summary?minutes=5");

        Assert.Equal(2, summary!.Requests);
        Assert.Equal(1.0, summary.Accuracy);
        Assert.Equal(0.5, summary.EscalationRate);
    }

    [Fact]
    public async Task Record_ById_AndUnknownIs404()
    {
        var record = await Client.GetFromJsonAsync<PredictionRecord>("/admin/predictions/in-2");
        using var missing = await Client.GetAsync("/admin/predictions/nope");

        Assert.Equal("low-confidence", record!.EscalationReason);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no prediction record for request 'nope'", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minutes=0", "'minutes' must be between")]
    [InlineData("minutes=5000", "'minutes' must be between")]
    [InlineData("minutes=5&from=2026-11-28T12:00:00Z", "either 'minutes' or 'from'/'to'")]
    [InlineData("from=2026-11-28T13:00:00Z&to=2026-11-28T12:00:00Z", "is after 'to'")]
    [InlineData("from=2026-11-20T12:00:00Z&to=2026-11-28T12:00:00Z", "longer than the maximum")]
    [InlineData("minutes=abc", "")]
    public async Task Summary_BadWindow_Returns400NamingTheProblem(string query, string expected)
    {
        using var response = await Client.GetAsync($"/admin/predictions/summary?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
