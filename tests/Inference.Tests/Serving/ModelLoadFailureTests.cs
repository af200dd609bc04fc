using HybridInference.Contracts.Oip;
using HybridInference.Inference.Models;
using HybridInference.Inference.Serving;

namespace HybridInference.Inference.Tests.Serving;

public class ModelLoadFailureTests
{
    [Fact]
    public async Task Load_CorruptVersion_StaysUnavailableWithReasonWhileOthersServe()
    {
        using var repository = new TempRepository().With("fashion", "1", TestData.EdgeOnnx).WithDirectory("fashion/2");
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "fashion", "2", "model.onnx"), "truncated copy");

        await using var host = await ServingHost.StartAsync(repository.Path);

        var broken = host.Catalog.Resolve("fashion", "2");
        Assert.Equal(ModelState.Unavailable, broken.State);
        Assert.False(string.IsNullOrEmpty(broken.Reason));
        Assert.False(host.Catalog.IsReady);
        var refused = await Assert.ThrowsAsync<OipException>(() => host.Engine.InferAsync("fashion", null, new Contracts.Oip.InferenceRequest(), "test", default));
        Assert.Equal(503, refused.StatusCode);
        Assert.Contains("is not ready (UNAVAILABLE", refused.Message);
        Assert.True(host.Catalog.Resolve("fashion", "1").IsReady);
    }
}
