using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HybridInference.TestSupport;
using HybridInference.Training.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HybridInference.AppHost.Tests;

/// <summary>A mesh of its own for fault tests: they stop and restart resources.</summary>
public sealed class FaultApp : RunningApp
{
    protected override string[] Arguments => [];
}

/// <summary>
/// Faults under load: an edge node killed, the cloud gone, the store gone. Every request gets an answer,
/// and every answer's prediction record is in the log once the store is back.
/// </summary>
public sealed class RouterFaultTests(FaultApp app, ITestOutputHelper output) : IClassFixture<FaultApp>
{
    private static readonly ImageSet Images = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);

    [Fact]
    public async Task EdgeNodeKilledMidLoad_EveryRequestIsAnswered_AndLogged()
    {
        using var router = Router();
        var ids = await LoadAsync(router, "kill", 300, afterRequests: 60, during: async () => output.WriteLine($"killed edge-1 (pid {await app.KillAsync("edge-1")})"));
        try
        {
            await AssertLoggedAsync(router, ids);
        }
        finally
        {
            await StartAsync("edge-1");
        }
    }

    [Fact]
    public async Task CloudUnreachable_AnswersComeFromTheEdge_MarkedDegraded()
    {
        using var router = Router();

        // Stopped gracefully, as from the dashboard: this also checks that a service stops within the
        // orchestrator's grace period (it did not while its telemetry had no collector to go to).
        output.WriteLine($"stopped cloud-inference in {(await app.StopGracefullyAsync("cloud-inference")).TotalMilliseconds:F0} ms");
        try
        {
            var tiers = new ConcurrentBag<string>();
            var ids = await LoadAsync(router, "nocloud", 60, afterRequests: 0, during: () => Task.CompletedTask, priority: true, tiers: tiers);
            output.WriteLine("tiers with the cloud down: " + string.Join(", ", tiers.GroupBy(t => t).Select(g => $"{g.Key}={g.Count()}")));
            Assert.All(tiers, tier => Assert.Equal("edge-degraded", tier));
            await AssertLoggedAsync(router, ids);
        }
        finally
        {
            await StartAsync("cloud-inference");
        }
    }

    [Fact]
    public async Task StoreUnreachable_RequestsAreAnswered_AndRecordsArriveWhenItReturns()
    {
        using var router = Router();
        await StopAsync("garnet");
        List<string> ids;
        try
        {
            ids = await LoadAsync(router, "nostore", 100, afterRequests: 0, during: () => Task.CompletedTask);
        }
        finally
        {
            await StartAsync("garnet");
        }

        await AssertLoggedAsync(router, ids);
    }

    private HttpClient Router()
    {
        var client = app.Client("router", "http");
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    /// <summary>Sends single-image requests from 4 workers; runs <paramref name="during"/> once <paramref name="afterRequests"/> were answered.</summary>
    private async Task<List<string>> LoadAsync(
        HttpClient router, string tag, int count, int afterRequests, Func<Task> during, bool priority = false, ConcurrentBag<string>? tiers = null)
    {
        var failures = new ConcurrentBag<string>();
        var answered = 0;
        var next = -1;
        var fault = new TaskCompletionSource();
        var faultTask = afterRequests == 0 ? during() : fault.Task.ContinueWith(_ => during()).Unwrap();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var request = OipClient.Request(Images, i, 1, $"{tag}-{i}", labels: false);
                if (priority)
                {
                    request["parameters"] = new System.Text.Json.Nodes.JsonObject { ["priority"] = true };
                }

                var (response, body) = await OipClient.InferAsync(router, request);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{tag}-{i}: {(int)response.StatusCode} {body}");
                }
                else
                {
                    tiers?.Add(body.GetProperty("parameters").GetProperty("tier").GetString()!);
                }

                if (Interlocked.Increment(ref answered) == afterRequests)
                {
                    fault.TrySetResult();
                }
            }
        }));
        await faultTask;
        Assert.Empty(failures);
        return Enumerable.Range(0, count).Select(i => $"{tag}-{i}").ToList();
    }

    private static async Task AssertLoggedAsync(HttpClient router, List<string> ids)
    {
        var missing = ids;
        for (var attempt = 0; attempt < 60 && missing.Count > 0; attempt++)
        {
            var stillMissing = new List<string>();
            foreach (var id in missing)
            {
                using var response = await router.GetAsync($"/admin/predictions/{id}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    stillMissing.Add(id);
                }
            }

            missing = stillMissing;
            if (missing.Count > 0)
            {
                await Task.Delay(1000);
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} of {ids.Count} records missing from the log, e.g. {string.Join(", ", missing.Take(5))}");
    }


    private async Task StopAsync(string resource)
    {
        var result = await app.App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        if (!result.Success)
        {
            // The orchestrator gives a process a few seconds to exit after SIGTERM and reports a failure when
            // it takes longer, although it does stop it: what counts is that the resource is down.
            output.WriteLine($"stop command for {resource}: {result.Message}; waiting for it to be down");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.App.ResourceNotifications.WaitForResourceAsync(resource, [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart], cts.Token);
        }

        output.WriteLine($"stopped {resource}");
    }

    private async Task StartAsync(string resource)
    {
        var commands = app.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        Assert.True(result.Success, $"starting {resource}: {result.Message}");
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await app.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        output.WriteLine($"started {resource}");
    }
}
