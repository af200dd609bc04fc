using System.CommandLine;
using HybridInference.ModelPipeline;
using HybridInference.ModelPipeline.Gates;
using HybridInference.ModelPipeline.Validation;
using HybridInference.Training.Cli.Parsing;

namespace HybridInference.Training.Cli;

/// <summary>
/// The options of one pipeline run (<see cref="PipelineOptions"/>), added to <c>pipeline</c> and to
/// <c>pipeline watch</c>; each command gets its own instances. Defaults are <see cref="PipelineOptions"/>'s.
/// </summary>
internal sealed class PipelineRunOptions
{
    private static readonly PipelineOptions D = new();

    private readonly Option<string?> _data = Values.Text("--data", "DIR", "the folder of new labelled IDX files (required)");
    private readonly Option<string?> _model = Values.Text("--model", "NAME", $"the registry model (default {D.Model})");
    private readonly Option<string?> _testData = Values.Text("--test-data", "DIR", $"the test split the held-out images come from (default {D.TestDirectory})");
    private readonly Option<int?> _holdout = Values.Int("--holdout", "N", $"held-out images for the gates (default {D.HoldoutCount})");
    private readonly Option<string?> _reference = Values.Text("--reference", "DIR", "training data drift is measured against (default: the Debian package's split, else the committed subset)");
    private readonly Option<int?> _referenceLimit = Values.Int("--reference-limit", "N", $"reference images used (default {D.ReferenceLimit})");
    private readonly Option<string?> _mergeTrain = Values.Text("--merge-train", "DIR", "train on the new data merged with this folder's train-*.gz");
    private readonly Option<int?> _mergeLimit = Values.Int("--merge-limit", "N", $"merged images used, 0 for all (default {D.MergeLimit})");
    private readonly Option<int?> _epochs = Values.Int("--epochs", "N", $"candidate training epochs (default {D.Epochs})");
    private readonly Option<int?> _seed = Values.Int("--seed", "N", $"candidate training seed (default {D.Seed})");
    private readonly Option<bool> _shuffleLabels = Values.Flag("--shuffle-labels", "damage the labels on purpose: the candidate is meant to fail");
    private readonly Option<double?> _labelNoise = Values.Double("--label-noise", "SHARE", "share of labels damaged on purpose (default 0)");
    private readonly Option<bool> _rollout = Values.Flag("--rollout", "start the challenger's rollout once it is registered");
    private readonly Option<string?> _actor = Values.Text("--actor", "NAME", $"who the registry records (default {D.Actor})");
    private readonly Option<string?> _stopAfter = Values.Text("--stop-after", "STEP", "stop after this step; --resume continues");
    private readonly Option<int?> _minImages = Values.Int("--min-images", "N", $"fewest new images (default {D.Validation.MinImages})");
    private readonly Option<int?> _minPerClass = Values.Int("--min-per-class", "N", $"fewest new images per class (default {D.Validation.MinImagesPerClass})");
    private readonly Option<double?> _maxClassShare = Values.Double("--max-class-share", "SHARE", "largest share of one class (default 0.25)");
    private readonly Option<double?> _maxFlatShare = Values.Double("--max-flat-share", "SHARE", "largest share of flat images (default 0.01)");
    private readonly Option<double?> _maxPsi = Values.Double("--max-psi", "PSI", "largest intensity drift, as PSI (default 0.1)");
    private readonly Option<double?> _maxClassMeanDistance = Values.Double("--max-class-mean-distance", "D", "largest drift of a class's mean image (default 0.05)");
    private readonly Option<double?> _maxAccuracyDrop = Values.Double("--max-accuracy-drop", "SHARE", "gate: largest accuracy drop against the champion (default 0.01)");
    private readonly Option<double?> _minClassRecall = Values.Double("--min-class-recall", "SHARE", "gate: lowest recall of any class (default 0.45)");
    private readonly Option<double?> _maxLatencyMs = Values.Double("--max-latency-ms", "MS", "gate: highest p95 latency per image (default 1.0)");

    private IEnumerable<Option> All => [_data, _model, _testData, _holdout, _reference, _referenceLimit, _mergeTrain, _mergeLimit, _epochs, _seed,
        _shuffleLabels, _labelNoise, _rollout, _actor, _stopAfter, _minImages, _minPerClass, _maxClassShare, _maxFlatShare, _maxPsi,
        _maxClassMeanDistance, _maxAccuracyDrop, _minClassRecall, _maxLatencyMs];

    /// <summary>Adds every run option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The run options the command line names, e.g. to refuse them beside <c>--resume</c>.</summary>
    public IReadOnlyList<string> Given(ParseResult parse) => [.. All.Where(o => parse.GetResult(o) is not null).Select(o => o.Name)];

    /// <summary>The run's options, paths made absolute; not yet validated (<see cref="PipelineOptions.Validate"/>).</summary>
    public PipelineOptions Read(ParseResult parse)
    {
        var (v, g) = (D.Validation, D.Gates);
        var data = parse.GetValue(_data) ?? throw new UsageException("--data DIR is required: the folder of new labelled IDX files (or --resume RUN-ID)");
        return new PipelineOptions
        {
            Model = parse.GetValue(_model) ?? D.Model,
            DataDirectory = FullPath(data),
            TestDirectory = FullPath(parse.GetValue(_testData) ?? D.TestDirectory),
            HoldoutCount = parse.GetValue(_holdout) ?? D.HoldoutCount,
            ReferenceDirectory = parse.GetValue(_reference) is { } reference ? FullPath(reference) : null,
            ReferenceLimit = parse.GetValue(_referenceLimit) ?? D.ReferenceLimit,
            MergeTrainDirectory = parse.GetValue(_mergeTrain) is { } merge ? FullPath(merge) : null,
            MergeLimit = parse.GetValue(_mergeLimit) ?? D.MergeLimit,
            Epochs = parse.GetValue(_epochs) ?? D.Epochs,
            Seed = parse.GetValue(_seed) ?? D.Seed,
            ShuffleLabels = parse.GetValue(_shuffleLabels),
            LabelNoise = parse.GetValue(_labelNoise) ?? D.LabelNoise,
            Rollout = parse.GetValue(_rollout),
            Actor = parse.GetValue(_actor) ?? D.Actor,
            StopAfter = parse.GetValue(_stopAfter),
            Validation = new DataValidationOptions
            {
                MinImages = parse.GetValue(_minImages) ?? v.MinImages,
                MinImagesPerClass = parse.GetValue(_minPerClass) ?? v.MinImagesPerClass,
                MaxClassShare = parse.GetValue(_maxClassShare) ?? v.MaxClassShare,
                MaxFlatImageShare = parse.GetValue(_maxFlatShare) ?? v.MaxFlatImageShare,
                MaxIntensityPsi = parse.GetValue(_maxPsi) ?? v.MaxIntensityPsi,
                MaxClassMeanDistance = parse.GetValue(_maxClassMeanDistance) ?? v.MaxClassMeanDistance,
            },
            Gates = new GateOptions
            {
                MaxAccuracyDrop = parse.GetValue(_maxAccuracyDrop) ?? g.MaxAccuracyDrop,
                MinClassRecall = parse.GetValue(_minClassRecall) ?? g.MinClassRecall,
                MaxP95LatencyMs = parse.GetValue(_maxLatencyMs) ?? g.MaxP95LatencyMs,
            },
        };
    }

    // Stored in the run document, so a resume from another working folder still finds the data.
    private static string FullPath(string path) => string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, Environment.CurrentDirectory);
}
