using System.Diagnostics.Metrics;
using System.Text;
using HybridInference.Inference.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace HybridInference.CloudInference.Tests.Telemetry;

public sealed class InferenceMetricsTests(CloudFactory factory) : IClassFixture<CloudFactory>
{
    [Fact]
    public async Task Requests_AreCountedByOutcomeWithDurationsQueueAndConfidence()
    {
        var metrics = factory.Services.GetRequiredService<InferenceMetrics>();
        List<(string Name, double Value, Dictionary<string, object?> Tags)> seen = [];
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Add(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var t in tags)
            {
                copy[t.Key] = t.Value;
            }

            lock (seen)
            {
                seen.Add((i.Name, v, copy));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        var client = factory.CreateClient();

        (await client.PostAsync("/v2/models/fashion-cloud/versions/1/infer", new StringContent(TestData.InferBody(3), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await client.PostAsync("/v2/models/fashion-cloud/versions/1/infer", new StringContent("{}", Encoding.UTF8, "application/json"));
        await client.PostAsync("/v2/models/nope/infer", new StringContent(TestData.InferBody(1), Encoding.UTF8, "application/json"));
        await client.PostAsync("/v2/models/fashion-cloud/infer", new StringContent("{\"inputs\": [", Encoding.UTF8, "application/json"));
        await client.PostAsync("/v2/models/fashion-cloud/infer", new StringContent("{\"id\":\"" + new string('x', CloudFactory.BodyLimit) + "\"}", Encoding.UTF8, "application/json"));
        await client.PostAsync("/v2/models/made-up/infer", new StringContent("not json", Encoding.UTF8, "application/json"));

        List<(string Name, double Value, Dictionary<string, object?> Tags)> all;
        lock (seen)
        {
            all = [.. seen];
        }

        var requests = all.Where(m => m.Name == InferenceMetrics.RequestsName).ToList();
        Assert.Contains(requests, m => Equals(m.Tags[InferenceMetrics.OutcomeTag], "success") && Equals(m.Tags[InferenceMetrics.VersionTag], "1") && Equals(m.Tags[InferenceMetrics.ProtocolTag], "http"));
        Assert.Contains(requests, m => Equals(m.Tags[InferenceMetrics.OutcomeTag], "not_found") && Equals(m.Tags[InferenceMetrics.ModelTag], "unknown"));
        Assert.Contains(requests, m => Equals(m.Tags[InferenceMetrics.OutcomeTag], "too_large") && Equals(m.Tags[InferenceMetrics.ModelTag], "fashion-cloud"));
        Assert.Equal(2, requests.Count(m => Equals(m.Tags[InferenceMetrics.OutcomeTag], "invalid") && Equals(m.Tags[InferenceMetrics.ModelTag], "fashion-cloud")));
        Assert.Contains(requests, m => Equals(m.Tags[InferenceMetrics.OutcomeTag], "invalid") && Equals(m.Tags[InferenceMetrics.ModelTag], "unknown"));
        Assert.Single(all, m => m.Name == InferenceMetrics.RequestDurationName);
        Assert.Single(all, m => m.Name == InferenceMetrics.QueueDurationName);
        Assert.Equal(3, all.Count(m => m.Name == InferenceMetrics.ConfidenceName && m.Value is > 0.1 and <= 1));
        Assert.Equal(3, all.Where(m => m.Name == InferenceMetrics.ImagesName).Sum(m => m.Value));
        Assert.Equal(1, all.Count(m => m.Name == InferenceMetrics.ExecutionsName));
    }
}
