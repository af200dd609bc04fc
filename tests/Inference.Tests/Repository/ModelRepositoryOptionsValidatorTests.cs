using HybridInference.Inference.Repository;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HybridInference.Inference.Tests.Repository;

public class ModelRepositoryOptionsValidatorTests
{
    private static async Task<OptionsValidationException> StartFailsAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddInferenceServing();
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task Start_WithoutPath_FailsNamingTheSetting()
    {
        var error = await StartFailsAsync([]);

        Assert.Contains("ModelRepository:Path is required", error.Message);
        Assert.Contains("ModelRepository__Path", error.Message);
    }

    [Fact]
    public async Task Start_WithMissingDirectory_FailsNamingThePath()
    {
        var error = await StartFailsAsync(new() { ["ModelRepository:Path"] = "/nonexistent/models" });

        Assert.Contains("ModelRepository:Path '/nonexistent/models' is not a directory", error.Message);
    }

    [Fact]
    public async Task Start_WithEmptyRepository_FailsSayingWhatIsExpected()
    {
        using var repo = new TempRepository().WithDirectory("m/staging");

        var error = await StartFailsAsync(new() { ["ModelRepository:Path"] = repo.Path });

        Assert.Contains("holds no model", error.Message);
    }

    [Fact]
    public async Task Start_WithUnknownModelAndVersion_ReportsEveryProblem()
    {
        var error = await StartFailsAsync(new()
        {
            ["ModelRepository:Path"] = TestData.Models,
            ["ModelRepository:Models:0"] = "fashion-edge",
            ["ModelRepository:Models:1"] = "resnet",
            ["ModelRepository:VersionPolicy"] = "Specific",
            ["ModelRepository:Versions:0"] = "7",
        });

        Assert.Contains("ModelRepository:Models names 'resnet'", error.Message);
        Assert.Contains("version(s) 7 of 'fashion-edge'", error.Message);
    }

    [Fact]
    public async Task Start_WithBadServingSettings_NamesTheKeys()
    {
        var error = await StartFailsAsync(new()
        {
            ["ModelRepository:Path"] = TestData.Models,
            ["Serving:Models:fashion-cloud:MaxBatchSize"] = "0",
            ["Serving:Defaults:InputMin"] = "2",
        });

        Assert.Contains("Serving:Models:fashion-cloud:MaxBatchSize", error.Message);
        Assert.Contains("Serving:Defaults:InputMin (2) must be below Serving:Defaults:InputMax (1)", error.Message);
    }
}
