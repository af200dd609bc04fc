using HybridInference.Inference.Serving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Tests.Serving;

public class ServingOptionsTests
{
    [Fact]
    public void Models_Entry_OverridesDefaultsKeyByKey()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelRepository:Path"] = TestData.Models,
            ["Serving:Defaults:DynamicBatching"] = "true",
            ["Serving:Defaults:MaxBatchSize"] = "128",
            ["Serving:Models:fashion-cloud:MaxQueueDelayMicroseconds"] = "500",
        });
        builder.AddInferenceServing();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ServingOptions>>().Value;

        var cloud = options.For("fashion-cloud");
        Assert.True(cloud.DynamicBatching);
        Assert.Equal(128, cloud.MaxBatchSize);
        Assert.Equal(500, cloud.MaxQueueDelayMicroseconds);
        Assert.Equal(2_000, options.For("fashion-edge").MaxQueueDelayMicroseconds);
        Assert.NotSame(options.Defaults, cloud);
    }
}
