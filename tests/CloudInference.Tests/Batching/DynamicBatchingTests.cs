using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HybridInference.Inference.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.CloudInference.Tests.Batching;

/// <summary>
/// Concurrent single-image requests through the HTTP API: batched into shared executions for
/// fashion-cloud (dynamic batching on, 20 ms queue delay), one execution each for fashion-edge
/// (batching turned off for it), with every client still getting its own image's answer.
/// </summary>
public sealed class DynamicBatchingTests(CloudFactory factory) : IClassFixture<CloudFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<(List<(string Model, double BatchSize)> Batches, float[][] Answers)> SendConcurrentlyAsync(string model, string version, int clients)
    {
        var metrics = factory.Services.GetRequiredService<InferenceMetrics>();
        List<(string, double)> batches = [];
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == InferenceMetrics.BatchSizeName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == InferenceMetrics.ModelTag)
                {
                    lock (batches)
                    {
                        batches.Add(((string)tag.Value!, value));
                    }
                }
            }
        });
        listener.Start();

        var answers = await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            using var response = await _client.PostAsync($"/v2/models/{model}/versions/{version}/infer", new StringContent(TestData.InferBody(1, skip: i), Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            return json.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        }));
        lock (batches)
        {
            return ([.. batches.Where(b => b.Item1 == model)], answers);
        }
    }

    private static float[] Direct(string onnx, int index)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(TestData.Batch(1, index), [1, 784]);
        using var results = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["input"], [input], ["probabilities"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    [Fact]
    public async Task ConcurrentRequests_BatchingOn_ShareExecutionsAndKeepTheirOwnAnswers()
    {
        var (batches, answers) = await SendConcurrentlyAsync("fashion-cloud", "1", clients: 32);

        Assert.Equal(32, batches.Sum(b => b.BatchSize));
        Assert.True(batches.Count < 32, $"32 requests ran as {batches.Count} executions: {string.Join(",", batches.Select(b => b.BatchSize))}");
        for (var i = 0; i < 32; i++)
        {
            Assert.Equal(Direct(TestData.CloudOnnx, i).Select(v => Math.Round(v, 5)), answers[i].Select(v => Math.Round(v, 5)));
        }
    }

    [Fact]
    public async Task ConcurrentRequests_BatchingOff_RunOneExecutionEach()
    {
        var (batches, answers) = await SendConcurrentlyAsync("fashion-edge", "1", clients: 16);

        Assert.Equal(16, batches.Count);
        Assert.All(batches, b => Assert.Equal(1, b.BatchSize));
        Assert.Equal(Direct(TestData.EdgeOnnx, 7).Select(v => Math.Round(v, 5)), answers[7].Select(v => Math.Round(v, 5)));
    }
}
