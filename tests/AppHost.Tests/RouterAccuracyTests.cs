using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Xunit.Abstractions;
using HybridInference.TestSupport;
using HybridInference.Training.Data;
using HybridInference.Training.Evaluation;

namespace HybridInference.AppHost.Tests;

/// <summary>
/// The product's headline claim, end to end: the whole committed test split through the router, with
/// labels, gives the accuracy and escalation share that the offline cascade predicts for the router's
/// threshold, and the prediction log agrees with what the client saw.
/// </summary>
[Collection(MeshCollection.Name)]
public sealed class RouterAccuracyTests(GarnetApp app, ITestOutputHelper output)
{
    private const int Batch = 10;
    private const int Workers = 6;

    [Fact]
    public async Task TestSplit_ThroughTheRouter_MatchesTheOfflineCascade_AndTheLogAgrees()
    {
        var set = FashionMnist.Load(RepositoryRoot.Combine("data", "fashion-mnist"), DataSplit.Test);
        using var router = app.Client("router", "http");
        router.Timeout = TimeSpan.FromSeconds(60);
        var routing = await router.GetFromJsonAsync<JsonElement>("/admin/routing");
        var threshold = routing.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "fashion").GetProperty("threshold").GetDouble();
        var expected = OfflineCascade(set).At(threshold);

        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        var predicted = new int[set.Count];
        var cloudRows = 0;
        var failures = new ConcurrentBag<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) * Batch < set.Count)
            {
                var first = batch * Batch;
                var (response, body) = await OipClient.InferAsync(router, OipClient.Request(set, first, Batch, $"split-{batch}"));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"batch {batch}: {(int)response.StatusCode} {body}");
                    continue;
                }

                OipClient.Classes(body).CopyTo(predicted, first);
                Interlocked.Add(ref cloudRows, body.GetProperty("parameters").GetProperty("tiers").GetString()!.Split(',').Count(t => t == "cloud"));
            }
        }));

        var elapsed = DateTimeOffset.UtcNow - started;
        Assert.Empty(failures);
        var clientAccuracy = Predictions.Accuracy(predicted, set.Labels);
        var escalatedShare = (double)cloudRows / set.Count;
        output.WriteLine($"threshold {threshold}: router accuracy {clientAccuracy:P2} (offline {expected.Accuracy:P2}), escalated {escalatedShare:P2} (offline {expected.EscalatedShare:P2}), {set.Count} images in {elapsed.TotalSeconds:F1} s");
        var reasons = await router.GetFromJsonAsync<JsonElement>($"/admin/predictions/summary?from={Uri.EscapeDataString(started.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"))}");
        output.WriteLine("escalation reasons in the log so far: " + reasons.GetProperty("escalationReasons").GetRawText());
        var edges = await router.GetFromJsonAsync<JsonElement>("/admin/edges");
        output.WriteLine("edge nodes as the router sees them: " + edges.GetRawText());
        Assert.InRange(clientAccuracy, expected.Accuracy - 0.01, expected.Accuracy + 0.01);
        Assert.InRange(escalatedShare, expected.EscalatedShare - 0.01, expected.EscalatedShare + 0.01);

        // Every node's first call starts before it ever answered: the router must have left it out of the node's p95.
        Assert.All(edges.EnumerateArray(), node => Assert.True(node.GetProperty("coldCalls").GetInt64() >= 1, node.GetRawText()));

        // The log is written off the request path: wait (bounded) until every labelled row is in.
        JsonElement summary = default;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            summary = await router.GetFromJsonAsync<JsonElement>($"/admin/predictions/summary?from={Uri.EscapeDataString(started.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"))}");
            if (summary.GetProperty("labelled").GetInt32() >= set.Count)
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.Equal(set.Count, summary.GetProperty("labelled").GetInt32());
        Assert.Equal(clientAccuracy, summary.GetProperty("accuracy").GetDouble(), 9);
    }

    private static CascadeAnalysis OfflineCascade(ImageSet set)
    {
        using var edge = new OnnxClassifier(RepositoryRoot.Combine("models", "fashion-edge", "1", "model.onnx"));
        using var cloud = new OnnxClassifier(RepositoryRoot.Combine("models", "fashion-cloud", "1", "model.onnx"));
        var edgeProbabilities = edge.Predict(set.Pixels, set.Count);
        var cloudProbabilities = cloud.Predict(set.Pixels, set.Count);
        var edgeClasses = Predictions.Classes(edgeProbabilities, 10);
        var cloudClasses = Predictions.Classes(cloudProbabilities, 10);
        return new CascadeAnalysis(
            Predictions.Confidences(edgeProbabilities, 10),
            edgeClasses.Select((c, i) => c == set.Labels[i]).ToArray(),
            cloudClasses.Select((c, i) => c == set.Labels[i]).ToArray());
    }
}
