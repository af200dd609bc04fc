using System.Text.RegularExpressions;

namespace HybridInference.Training.Cli;

/// <summary>
/// The log callback the train and pipeline commands hand to src/Training and src/ModelPipeline: every line is
/// written as it always was, and on a terminal a status line under it says what runs now, read from those same
/// lines (a pipeline step starting, a model's training starting, an epoch ending), so the libraries need no second
/// channel. Redirected output carries the plain lines only (<see cref="Progress"/>).
/// </summary>
internal sealed partial class StatusLog(Progress progress)
{
    private string? _step;
    private string? _work;

    /// <summary>Writes <paramref name="line"/>, then shows what is running after it.</summary>
    public void Log(string line)
    {
        progress.WriteLine(line);
        if (StepLine().Match(line) is { Success: true } step)
        {
            _step = step.Groups["running"].Success ? step.Groups["step"].Value : null;
            _work = null;
        }
        else if (TrainingLine().Match(line) is { Success: true } training)
        {
            _work = $"{training.Groups["model"].Value} epoch 1 running";
        }
        else if (EpochLine().Match(line) is { Success: true } epoch)
        {
            var (done, total) = (int.Parse(epoch.Groups["done"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(epoch.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture));
            var model = epoch.Groups["model"].Value;
            _work = done < total
                ? $"{model} epoch {done + 1}/{total} running (epoch {done}: {epoch.Groups["rest"].Value})"
                : $"{model} trained: calibrating, exporting and checking ONNX";
        }

        var status = string.Join(": ", new[] { _step, _work }.OfType<string>());
        if (status.Length > 0)
        {
            progress.Show(status);
        }
    }

    /// <summary>Removes the status line at the end of the work.</summary>
    public void Done()
    {
        (_step, _work) = (null, null);
        progress.Clear();
    }

    // PipelineRunner: "[2/5] train: running", then "[2/5] train: succeeded: ...".
    [GeneratedRegex(@"^(?<step>\[\d+/\d+\] [^:\s]+)(?<running>: running$)?")]
    private static partial Regex StepLine();

    // ModelBuilder, in a pipeline indented by the step: "training fashion-edge: <architecture>".
    [GeneratedRegex(@"^\s*training (?<model>\S+): ")]
    private static partial Regex TrainingLine();

    // Trainer, prefixed by ModelBuilder: "  fashion-edge epoch 3/10: loss 0.4321 (12.3 s)".
    [GeneratedRegex(@"^\s+(?<model>\S+) epoch (?<done>\d+)/(?<total>\d+): (?<rest>.*)$")]
    private static partial Regex EpochLine();
}
