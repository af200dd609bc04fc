using System.Globalization;
using System.Security.Cryptography;
using HybridInference.Contracts.Registry;
using HybridInference.ModelPipeline.Gates;
using HybridInference.ModelPipeline.Registry;
using HybridInference.ModelPipeline.State;
using HybridInference.ModelPipeline.Validation;
using HybridInference.Training.Candidates;
using HybridInference.Training.Cards;
using HybridInference.Training.Data;

namespace HybridInference.ModelPipeline;

/// <summary>
/// Runs the steps of a pipeline run in order, recording each result in the store before the next starts, so
/// that <see cref="ResumeAsync"/> after a crash skips what is done. Every step may run twice (a crash can
/// come after its work and before its record): registration is deduplicated by digest in the registry, the
/// alias move is idempotent and a second rollout start finds the first.
/// </summary>
public sealed class PipelineRunner(RunStore store, RegistryClient registry, Action<string> log, TimeProvider? time = null)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<PipelineResult> StartAsync(PipelineOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var now = _time.GetUtcNow();
        var run = new PipelineRun
        {
            Id = $"{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}",
            Options = options,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = PipelineSteps.All.Select(s => new StepRecord { Name = s }).ToArray(),
        };
        await store.SaveAsync(run);
        log($"pipeline run {run.Id}: model {options.Model}, data {options.DataDirectory}, registry {registry.BaseAddress}");
        return await RunStepsAsync(run, cancellationToken);
    }

    public async Task<PipelineResult> ResumeAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var run = await store.GetAsync(runId) ?? throw new KeyNotFoundException($"pipeline run '{runId}' is not in the store (key prefix '{store.KeyPrefix}')");
        if (run.Status == RunStatus.Succeeded)
        {
            log($"pipeline run {run.Id} already succeeded; nothing to do");
            return new PipelineResult(run);
        }

        log($"resuming pipeline run {run.Id} (started {run.CreatedAt:u})");

        // A resumed run goes to the end: the stop point was the first invocation's choice.
        run = run with { Status = RunStatus.Running, Options = run.Options with { StopAfter = null } };
        return await RunStepsAsync(run, cancellationToken);
    }

    private async Task<PipelineResult> RunStepsAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        var context = new RunContext();
        for (var i = 0; i < PipelineSteps.All.Count; i++)
        {
            var name = PipelineSteps.All[i];
            var prefix = $"[{i + 1}/{PipelineSteps.All.Count}] {name}";
            var record = run.Step(name);
            if (record.Status is StepStatus.Succeeded or StepStatus.Skipped)
            {
                log($"{prefix}: already done in this run ({record.Summary})");
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var started = _time.GetUtcNow();
            run = run.With(new StepRecord { Name = name, Status = StepStatus.Running, StartedAt = started }, _time);
            await store.SaveAsync(run);
            log($"{prefix}: running");

            StepRecord result;
            try
            {
                result = await RunStepAsync(name, run, context, cancellationToken) with { Name = name, StartedAt = started, FinishedAt = _time.GetUtcNow() };

                // Stopped between the work and its record: the step stays Running and a resume repeats it,
                // which every step tolerates (see the class remarks).
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (RegistryRejectedException ex)
            {
                result = new StepRecord { Name = name, Status = StepStatus.Failed, StartedAt = started, FinishedAt = _time.GetUtcNow(), Summary = ex.Message };
            }
            catch (RegistryUnavailableException ex)
            {
                // Recorded as failed so that status shows why; a resume runs it again.
                await TrySaveAsync(run.With(new StepRecord { Name = name, Status = StepStatus.Failed, StartedAt = started, FinishedAt = _time.GetUtcNow(), Summary = ex.Message }, _time) with { Status = RunStatus.Failed });
                throw;
            }

            run = run.With(result, _time);
            foreach (var check in result.Checks)
            {
                log("  " + check);
            }

            log($"{prefix}: {result.Status.ToString().ToLowerInvariant()}: {result.Summary}");
            if (result.Status == StepStatus.Failed)
            {
                run = run with { Status = RunStatus.Failed };
                await store.SaveAsync(run);
                log($"pipeline run {run.Id} stopped at {name}; see the report above, or: pipeline status {run.Id}");
                return new PipelineResult(run);
            }

            if (run.Options.StopAfter == name && i < PipelineSteps.All.Count - 1)
            {
                run = run with { Status = RunStatus.Stopped };
                await store.SaveAsync(run);
                log($"pipeline run {run.Id} stopped after {name} as asked; continue with --resume {run.Id}");
                return new PipelineResult(run);
            }

            await store.SaveAsync(run);
        }

        run = run with { Status = RunStatus.Succeeded, UpdatedAt = _time.GetUtcNow() };
        await store.SaveAsync(run);
        log($"pipeline run {run.Id} succeeded");
        return new PipelineResult(run);
    }

    private Task<StepRecord> RunStepAsync(string name, PipelineRun run, RunContext context, CancellationToken cancellationToken) => name switch
    {
        PipelineSteps.Validate => Task.FromResult(ValidateStep(run.Options, context)),
        PipelineSteps.Train => TrainStepAsync(run, context, cancellationToken),
        PipelineSteps.Evaluate => EvaluateStepAsync(run, context, cancellationToken),
        PipelineSteps.Register => RegisterStepAsync(run, cancellationToken),
        PipelineSteps.Rollout => RolloutStepAsync(run, cancellationToken),
        _ => throw new InvalidOperationException($"unknown step '{name}'"),
    };

    private StepRecord ValidateStep(PipelineOptions options, RunContext context)
    {
        var reference = LoadReference(options);
        var (report, images) = DataValidator.Validate(options.DataDirectory, reference, options.Validation);
        if (!report.Passed || images is null)
        {
            var failed = report.Checks.Where(c => !c.Passed).Select(c => c.Name);
            return new StepRecord { Name = PipelineSteps.Validate, Status = StepStatus.Failed, Checks = report.Checks, Summary = "data checks failed: " + string.Join(", ", failed) };
        }

        var (training, excluded) = context.TrainingImages(options);
        return new StepRecord
        {
            Name = PipelineSteps.Validate,
            Status = StepStatus.Succeeded,
            Checks = report.Checks,
            Summary = $"{images.Count:N0} new images passed {report.Checks.Count} checks; {excluded:N0} equal to held-out images are left out of training",
            Outputs = new Dictionary<string, string> { ["images"] = images.Count.ToString(C), ["trainingImages"] = training.Count.ToString(C), ["excludedAsHeldOut"] = excluded.ToString(C) },
        };
    }

    private async Task<StepRecord> TrainStepAsync(PipelineRun run, RunContext context, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var (newImages, _) = context.TrainingImages(options);
        var train = newImages;
        if (options.MergeTrainDirectory is { } merge)
        {
            var original = FashionMnist.Load(merge, DataSplit.Train);
            if (options.MergeLimit > 0)
            {
                original = original.Take(options.MergeLimit);
            }

            train = Concat(original, newImages);
            log($"  merged {newImages.Count:N0} new images with {original.Count:N0} from {merge}");
        }

        // The card carries the version it will most likely get; the registry numbers versions itself.
        var expectedVersion = ((await registry.GetLatestVersionAsync(options.Model, cancellationToken)) ?? 0) + 1;
        // A cloud model (named *-cloud, as rollouts tell them apart) is trained with the cloud architecture.
        var cloud = options.Model.EndsWith("-cloud", StringComparison.Ordinal);
        Func<CandidateOptions, Action<string>, CandidateModel> trainer = cloud ? CandidateTrainer.TrainCloud : CandidateTrainer.TrainEdge;
        var candidate = trainer(
            new CandidateOptions
            {
                TrainImages = train,
                TestImages = context.Holdout(options),
                Epochs = options.Epochs,
                Seed = options.Seed,
                Version = expectedVersion,
                ShuffleLabels = options.ShuffleLabels,
                LabelNoise = options.LabelNoise,
            },
            line => log("  " + line));
        var card = candidate.Card with { Name = options.Model };
        var cardJson = ModelCardWriter.ToJson(card);
        await store.SaveCandidateAsync(run.Id, candidate.Onnx, cardJson);
        return new StepRecord
        {
            Name = PipelineSteps.Train,
            Status = StepStatus.Succeeded,
            Summary = $"candidate trained on {train.Count:N0} images in {candidate.Duration.TotalSeconds:F1} s: held-out accuracy {card.Evaluation.TestAccuracy.ToString("P2", C)}, {candidate.Onnx.Length:N0} bytes, sha256 {card.File.Sha256}",
            Outputs = new Dictionary<string, string>
            {
                ["sha256"] = card.File.Sha256,
                ["trainingImages"] = train.Count.ToString(C),
                ["heldOutAccuracy"] = card.Evaluation.TestAccuracy.ToString("R", C),
                ["seconds"] = candidate.Duration.TotalSeconds.ToString("F1", C),
            },
        };
    }

    private async Task<StepRecord> EvaluateStepAsync(PipelineRun run, RunContext context, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var (onnx, _) = await CandidateAsync(run);
        var champion = await registry.GetAliasAsync(options.Model, ModelAliases.Champion, cancellationToken);
        if (champion is null)
        {
            return new StepRecord
            {
                Name = PipelineSteps.Evaluate,
                Status = StepStatus.Failed,
                Checks = [CheckResult.NotRun(OfflineEvaluator.AccuracyGate, $"drop <= {options.Gates.MaxAccuracyDrop * 100:F2} points", $"model '{options.Model}' has no '{ModelAliases.Champion}' alias to compare with")],
                Summary = $"no champion: point the '{ModelAliases.Champion}' alias of '{options.Model}' at the version in service first",
            };
        }

        var championBytes = await registry.DownloadAsync(champion.Digest, cancellationToken);
        log($"  champion: {options.Model} v{champion.Version} ({championBytes.Length:N0} bytes, {champion.Digest})");
        var report = OfflineEvaluator.Evaluate(onnx, championBytes, champion.Version, context.Holdout(options), options.Gates);
        return new StepRecord
        {
            Name = PipelineSteps.Evaluate,
            Status = report.Passed ? StepStatus.Succeeded : StepStatus.Failed,
            Checks = report.Checks,
            Summary = report.Passed
                ? $"candidate passed every gate against champion v{champion.Version}"
                : "gates failed: " + string.Join(", ", report.Checks.Where(c => !c.Passed).Select(c => c.Name)),
            Outputs = new Dictionary<string, string> { ["championVersion"] = champion.Version.ToString(C), ["championDigest"] = champion.Digest },
        };
    }

    private async Task<StepRecord> RegisterStepAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var (onnx, cardJson) = await CandidateAsync(run);
        var parent = int.Parse(run.Step(PipelineSteps.Evaluate).Outputs["championVersion"], C);
        var tags = new Dictionary<string, string>
        {
            ["pipelineRun"] = run.Id,
            ["data"] = options.DataDirectory,
            ["trainingImages"] = run.Step(PipelineSteps.Train).Outputs["trainingImages"],
        };
        var version = await registry.RegisterAsync(options.Model, onnx, cardJson, parent, tags, cancellationToken);
        await registry.SetAliasAsync(options.Model, ModelAliases.Challenger, version.Version, $"pipeline run {run.Id} passed its gates against v{parent}", cancellationToken);
        return new StepRecord
        {
            Name = PipelineSteps.Register,
            Status = StepStatus.Succeeded,
            Summary = $"registered {options.Model} v{version.Version} ({version.Digest}), parent v{parent}, alias '{ModelAliases.Challenger}' -> v{version.Version}",
            Outputs = new Dictionary<string, string> { ["candidateVersion"] = version.Version.ToString(C), ["digest"] = version.Digest },
        };
    }

    private async Task<StepRecord> RolloutStepAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        if (!run.Options.Rollout)
        {
            return new StepRecord { Name = PipelineSteps.Rollout, Status = StepStatus.Skipped, Summary = "not asked for (--rollout)" };
        }

        var version = int.Parse(run.Step(PipelineSteps.Register).Outputs["candidateVersion"], C);
        var id = await registry.StartRolloutAsync(run.Options.Model, version, cancellationToken);
        return new StepRecord
        {
            Name = PipelineSteps.Rollout,
            Status = StepStatus.Succeeded,
            Summary = $"rollout {id} started for {run.Options.Model} v{version}",
            Outputs = new Dictionary<string, string> { ["rolloutId"] = id },
        };
    }

    private async Task<(byte[] Onnx, string CardJson)> CandidateAsync(PipelineRun run) =>
        await store.GetCandidateAsync(run.Id) ?? throw new InvalidOperationException($"run {run.Id}: the candidate is no longer in the store (expired after {RunStore.Retention.TotalDays} days?); start a new run");

    private async Task TrySaveAsync(PipelineRun run)
    {
        try
        {
            await store.SaveAsync(run);
        }
        catch (StoreUnavailableException)
        {
            // The original failure is the one to report; the store being down too is secondary.
        }
    }

    private static ImageSet LoadReference(PipelineOptions options)
    {
        var reference = FashionMnist.Load(options.ReferenceDirectory ?? FashionMnist.DefaultTrainDirectory(), DataSplit.Train);
        return reference.Take(options.ReferenceLimit);
    }

    private static ImageSet Concat(ImageSet a, ImageSet b) =>
        new([.. a.Pixels, .. b.Pixels], [.. a.Labels, .. b.Labels], a.Rows, a.Cols);
}
