using System.Net.Http.Json;
using System.Text.Json;
using HybridInference.ModelPipeline.Gates;
using HybridInference.ModelPipeline.Registry;
using HybridInference.ModelPipeline.State;
using HybridInference.ModelPipeline.Validation;
using HybridInference.TestSupport;
using Xunit.Abstractions;

namespace HybridInference.ModelPipeline.Tests.Runs;

/// <summary>Whole pipeline runs against the real registry (in-process) and a real store (embedded Garnet).</summary>
public sealed class PipelineRunnerTests(RegistryFixture fixture, ITestOutputHelper output) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Start_GoodNewData_EndsWithARegisteredChallengerWhoseBytesWereEvaluated()
    {
        var (result, lines) = await RunAsync(Options());

        Assert.True(result.Succeeded, string.Join("\n", lines));
        var version = result.CandidateVersion!.Value;
        using var http = fixture.Http();
        var challenger = await http.GetFromJsonAsync<JsonElement>("/api/models/fashion-edge/aliases/challenger");
        Assert.Equal(version, challenger.GetProperty("version").GetInt32());
        Assert.Equal(1, challenger.GetProperty("parentVersion").GetInt32());
        Assert.Equal("sha256:" + result.Run.Step(PipelineSteps.Train).Outputs["sha256"], challenger.GetProperty("digest").GetString());
        Assert.Equal(result.Run.Id, challenger.GetProperty("tags").GetProperty("pipelineRun").GetString());
        Assert.Equal(StepStatus.Skipped, result.Run.Step(PipelineSteps.Rollout).Status);
        Assert.Contains(lines, l => l.StartsWith("[1/5] validate: running", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("PASS  accuracy vs champion", StringComparison.Ordinal));

        await using var store = await fixture.StoreAsync();
        var saved = await store.GetAsync(result.Run.Id);
        Assert.Equal(RunStatus.Succeeded, saved!.Status);
        Assert.All(saved.Steps.Take(4), s => Assert.Equal(StepStatus.Succeeded, s.Status));
    }

    /// <summary>A cloud model's run trains the cloud architecture and registers it as that model's challenger.</summary>
    [Fact]
    public async Task Start_CloudModel_TrainsTheCnn_AndRegistersItAsTheCloudChallenger()
    {
        var (result, lines) = await RunAsync(Options() with
        {
            Model = "fashion-cloud",
            MergeTrainDirectory = null,
            Epochs = 1,
            Gates = new GateOptions { MaxAccuracyDrop = 0.5, MinClassRecall = 0.0 },
        });

        Assert.True(result.Succeeded, string.Join("\n", lines));
        using var http = fixture.Http();
        var challenger = await http.GetFromJsonAsync<JsonElement>("/api/models/fashion-cloud/aliases/challenger");
        Assert.Equal(result.CandidateVersion!.Value, challenger.GetProperty("version").GetInt32());
        var registered = await http.GetFromJsonAsync<JsonElement>($"/api/models/fashion-cloud/versions/{result.CandidateVersion}");
        Assert.StartsWith("CNN", registered.GetProperty("card").GetProperty("architecture").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CandidateWorseThanTheMargin_StopsAtEvaluateAndRegistersNothing()
    {
        using var http = fixture.Http();
        var before = (await http.GetFromJsonAsync<JsonElement>("/api/models/fashion-edge")).GetProperty("latestVersion").GetInt32();

        var (result, lines) = await RunAsync(Options() with { Gates = new GateOptions() });

        Assert.Equal(PipelineSteps.Evaluate, result.FailedStep);
        Assert.Equal(PipelineExitCodes.GateFailed, result.ExitCode);
        Assert.Contains(lines, l => l.Contains("FAIL  accuracy vs champion", StringComparison.Ordinal));
        Assert.Equal(StepStatus.Pending, result.Run.Step(PipelineSteps.Register).Status);
        Assert.Equal(before, (await http.GetFromJsonAsync<JsonElement>("/api/models/fashion-edge")).GetProperty("latestVersion").GetInt32());
    }

    [Fact]
    public async Task Start_DriftedData_StopsAtValidateWithTheReport()
    {
        var bright = DataValidatorTestsAccess.Brighter(PipelineData.Test.Take(3000));
        var (result, lines) = await RunAsync(Options() with { DataDirectory = PipelineData.WriteTrainIdx(bright) });

        Assert.Equal(PipelineSteps.Validate, result.FailedStep);
        Assert.Contains(lines, l => l.Contains("FAIL  drift: mean-intensity PSI", StringComparison.Ordinal));
        Assert.Equal(StepStatus.Pending, result.Run.Step(PipelineSteps.Train).Status);
    }

    [Fact]
    public async Task Resume_AfterStopAfterTrain_SkipsFinishedStepsAndRegistersTheSameBytes()
    {
        var (stopped, _) = await RunAsync(Options() with { StopAfter = PipelineSteps.Train });
        Assert.Equal(RunStatus.Stopped, stopped.Run.Status);
        Assert.Equal(StepStatus.Pending, stopped.Run.Step(PipelineSteps.Evaluate).Status);

        var lines = new List<string>();
        await using var store = await fixture.StoreAsync();
        var resumed = await new PipelineRunner(store, fixture.Registry(), lines.Add).ResumeAsync(stopped.Run.Id);

        Assert.True(resumed.Succeeded, string.Join("\n", lines));
        Assert.Contains(lines, l => l.StartsWith("[1/5] validate: already done", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[2/5] train: already done", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("epoch 1/", StringComparison.Ordinal));
        using var http = fixture.Http();
        var registered = await http.GetFromJsonAsync<JsonElement>($"/api/models/fashion-edge/versions/{resumed.CandidateVersion}");
        Assert.Equal("sha256:" + stopped.Run.Step(PipelineSteps.Train).Outputs["sha256"], registered.GetProperty("digest").GetString());
    }

    [Fact]
    public async Task Resume_AfterACrashInEvaluate_RunsEvaluateAgainAndFinishes()
    {
        using var crash = new CancellationTokenSource();
        var lines = new List<string>();
        await using var store = await fixture.StoreAsync();
        var runner = new PipelineRunner(store, fixture.Registry(), line =>
        {
            lines.Add(line);
            if (line.StartsWith("  champion:", StringComparison.Ordinal))
            {
                crash.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.StartAsync(Options(), crash.Token));
        var runId = lines[0].Split(' ')[2].TrimEnd(':');
        var crashed = await store.GetAsync(runId);
        Assert.Equal(StepStatus.Running, crashed!.Step(PipelineSteps.Evaluate).Status);
        Assert.Equal(StepStatus.Succeeded, crashed.Step(PipelineSteps.Train).Status);

        var resumed = await new PipelineRunner(store, fixture.Registry(), lines.Add).ResumeAsync(runId);

        Assert.True(resumed.Succeeded, string.Join("\n", lines));
        Assert.NotNull(resumed.CandidateVersion);
    }

    [Fact]
    public async Task Resume_UnknownRun_KeyNotFound()
    {
        await using var store = await fixture.StoreAsync();

        var ex = await Assert.ThrowsAsync<KeyNotFoundException>(() => new PipelineRunner(store, fixture.Registry(), _ => { }).ResumeAsync("20990101-000000-abcdef"));

        Assert.Contains("20990101-000000-abcdef", ex.Message);
    }

    [Fact]
    public async Task Start_RegistryUnreachable_UnavailableAndTheStepIsRecordedAsFailed()
    {
        using var port = new ReservedPort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.Port}/"), Timeout = TimeSpan.FromSeconds(5) };
        await using var store = await fixture.StoreAsync();
        var lines = new List<string>();

        await Assert.ThrowsAsync<RegistryUnavailableException>(() => new PipelineRunner(store, new RegistryClient(http, "t"), lines.Add).StartAsync(Options()));

        var run = await store.GetAsync(lines[0].Split(' ')[2].TrimEnd(':'));
        Assert.Equal(StepStatus.Failed, run!.Step(PipelineSteps.Train).Status);
        Assert.Contains("unreachable", run.Step(PipelineSteps.Train).Summary);
    }

    [Fact]
    public async Task Connect_StoreUnreachable_StoreUnavailable()
    {
        using var port = new ReservedPort();

        await Assert.ThrowsAsync<StoreUnavailableException>(() => RunStore.ConnectAsync($"127.0.0.1:{port.Port}", "hi", timeoutMs: 500));
    }

    /// <summary>
    /// 3,000 new images (the first of the test split) merged with the committed 5,000 training images. Loose
    /// gates: 8,000 images and 3 epochs make a model about 7 points below v1 (55,000 images, 10 epochs), with
    /// Shirt recall near 40 %.
    /// </summary>
    private static PipelineOptions Options() => new()
    {
        DataDirectory = NewData.Value,
        TestDirectory = PipelineData.TestDirectory,
        ReferenceDirectory = PipelineData.TrainSubsetDirectory,
        MergeTrainDirectory = PipelineData.TrainSubsetDirectory,
        Epochs = 3,
        Actor = "pipeline-test",
        Gates = new GateOptions { MaxAccuracyDrop = 0.15, MinClassRecall = 0.2 },
        Validation = new DataValidationOptions(),
    };

    private static readonly Lazy<string> NewData = new(() => PipelineData.WriteTrainIdx(PipelineData.Test.Take(3000)));

    private async Task<(PipelineResult Result, List<string> Lines)> RunAsync(PipelineOptions options)
    {
        var lines = new List<string>();
        await using var store = await fixture.StoreAsync();
        var result = await new PipelineRunner(store, fixture.Registry(), line =>
        {
            lines.Add(line);
            output.WriteLine(line);
        }).StartAsync(options);
        return (result, lines);
    }
}
