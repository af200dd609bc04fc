using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Inference.Models;
using HybridInference.Inference.Runtime;
using HybridInference.Inference.Serving;

namespace HybridInference.Inference.Tests.Serving;

public sealed class InferenceEngineTests : IAsyncLifetime
{
    private readonly TempRepository _repository = new TempRepository()
        .With("fashion", "1", TestData.CloudOnnx)
        .With("fashion", "2", TestData.EdgeOnnx);

    private ServingHost _host = null!;

    public async Task InitializeAsync() => _host = await ServingHost.StartAsync(_repository.Path, new() { ["Serving:Defaults:MaxBatchSize"] = "16" });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _repository.Dispose();
    }

    private static InferenceRequest Request(int rows, string? parameters = null, string? outputs = null) =>
        JsonSerializer.Deserialize(
            $$"""{"id":"r1","inputs":[{"name":"input","shape":[{{rows}},784],"datatype":"FP32","data":[{{string.Join(",", TestData.Batch(rows).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}]}]{{(parameters is null ? "" : ",\"parameters\":" + parameters)}}{{(outputs is null ? "" : ",\"outputs\":" + outputs)}}}""",
            OipJsonContext.Default.InferenceRequest)!;

    [Fact]
    public async Task Infer_NoVersion_UsesLatestAndEchoesId()
    {
        var response = await _host.Engine.InferAsync("fashion", null, Request(2), "test", default);

        Assert.Equal("2", response.ModelVersion);
        Assert.Equal("r1", response.Id);
        var probabilities = Assert.Single(response.Outputs);
        Assert.Equal([2L, 10L], probabilities.Shape);
        using var edge = OnnxModel.Load(TestData.EdgeOnnx, 1, false);
        Assert.Equal(edge.Run(TestData.Batch(2), 2).Select(v => Math.Round(v, 5)), probabilities.Data.Singles!.Select(v => Math.Round(v, 5)));
    }

    [Fact]
    public async Task Infer_ExplicitVersion_UsesThatVersion()
    {
        var response = await _host.Engine.InferAsync("fashion", "1", Request(1), "test", default);

        using var cloud = OnnxModel.Load(TestData.CloudOnnx, 1, false);
        Assert.Equal("1", response.ModelVersion);
        Assert.Equal(cloud.Run(TestData.Batch(1), 1).Select(v => Math.Round(v, 5)), response.Outputs[0].Data.Singles!.Select(v => Math.Round(v, 5)));
    }

    [Fact]
    public async Task Infer_TopClassParameter_AddsClassAndConfidence()
    {
        var response = await _host.Engine.InferAsync("fashion", "1", Request(16, parameters: """{"top_class": true}"""), "test", default);

        var probabilities = response.Outputs.Single(o => o.Name == "probabilities").Data.Singles!;
        var top = response.Outputs.Single(o => o.Name == OutputNames.TopClass);
        var confidence = response.Outputs.Single(o => o.Name == OutputNames.Confidence);
        Assert.Equal("INT64", top.Datatype);
        Assert.Equal([16L], top.Shape);
        for (var r = 0; r < 16; r++)
        {
            var row = probabilities.AsSpan(r * 10, 10);
            Assert.Equal(Runtime.OnnxModelTests.ArgMax(row), top.Data.Int64s![r]);
            Assert.Equal(row[(int)top.Data.Int64s[r]], confidence.Data.Singles![r]);
        }

        // The cloud model is about 91 % accurate; on 16 images at least 12 must be right.
        Assert.True(Enumerable.Range(0, 16).Count(r => top.Data.Int64s![r] == TestData.Images.Labels[r]) >= 12);
    }

    [Fact]
    public async Task Infer_RequestedOutputs_ReturnsOnlyThoseInOrder()
    {
        var response = await _host.Engine.InferAsync("fashion", null, Request(1, outputs: """[{"name":"confidence"},{"name":"top_class"}]"""), "test", default);

        Assert.Equal(["confidence", "top_class"], response.Outputs.Select(o => o.Name));
    }

    [Fact]
    public async Task Infer_TritonClassification_ReturnsScoreIndexLabel()
    {
        var response = await _host.Engine.InferAsync("fashion", "1", Request(1, outputs: """[{"name":"probabilities","parameters":{"classification":3}}]"""), "test", default);

        var output = Assert.Single(response.Outputs);
        Assert.Equal("BYTES", output.Datatype);
        Assert.Equal([1L, 3L], output.Shape);
        var best = output.Data.Strings![0].Split(':');
        Assert.Equal(TestData.Images.Labels[0].ToString(System.Globalization.CultureInfo.InvariantCulture), best[1]);
        Assert.Equal("Ankle boot", best[2]);
        Assert.True(float.Parse(best[0], System.Globalization.CultureInfo.InvariantCulture) >= float.Parse(output.Data.Strings[1].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("resnet", null, 404, "unknown model 'resnet'; this server serves: fashion")]
    [InlineData("fashion", "3", 404, "model 'fashion' has no version '3'; served versions: 2, 1")]
    public async Task Infer_UnknownModelOrVersion_Is404NamingWhatExists(string model, string? version, int status, string message)
    {
        var error = await Assert.ThrowsAsync<OipException>(() => _host.Engine.InferAsync(model, version, Request(1), "test", default));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("""{"top_class": "yes"}""", null, "parameter 'top_class' must be true or false")]
    [InlineData(null, """[{"name":"probabilities","parameters":{"classification":11}}]""", "must be an integer from 1 to 10")]
    [InlineData(null, """[{"name":"top_class","parameters":{"classification":1}}]""", "only 'probabilities' does")]
    public async Task Infer_BadParameters_Are400(string? parameters, string? outputs, string message)
    {
        var error = await Assert.ThrowsAsync<OipException>(() => _host.Engine.InferAsync("fashion", null, Request(1, parameters, outputs), "test", default));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Infer_OverMaxBatch_Is400WithTheLimit()
    {
        var error = await Assert.ThrowsAsync<OipException>(() => _host.Engine.InferAsync("fashion", null, Request(17), "test", default));

        Assert.Contains("batch of 17 but model 'fashion' takes at most 16", error.Message);
    }

    [Fact]
    public void Catalog_AfterLoad_AllVersionsReadyWithMetadata()
    {
        Assert.True(_host.Catalog.IsReady);
        Assert.All(_host.Catalog.All, m => Assert.Equal(ModelState.Ready, m.State));
        var metadata = _host.Catalog.Resolve("fashion", "1").Metadata;
        Assert.Equal(["2", "1"], metadata.Versions);
        Assert.Equal("onnxruntime_onnx", metadata.Platform);
        Assert.Equal(["probabilities", "top_class", "confidence"], metadata.Outputs.Select(o => o.Name));
    }
}
