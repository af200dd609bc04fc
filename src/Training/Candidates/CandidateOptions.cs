using HybridInference.Training.Data;

namespace HybridInference.Training.Candidates;

/// <summary>
/// Settings of one candidate edge model (<see cref="CandidateTrainer.TrainEdge"/>); <see cref="Validate"/> names
/// every bad field at once.
/// </summary>
/// <remarks>
/// <see cref="ShuffleLabels"/> and <see cref="LabelNoise"/> exist to make a deliberately bad candidate: a model
/// with the right signature and plausible confidences that answers wrongly. Registering one and starting a
/// rollout is how a rollback is rehearsed end to end.
/// </remarks>
public sealed record CandidateOptions
{
    /// <value>Training images already in memory; set this or <see cref="TrainDirectory"/>, not both. Defaults to null.</value>
    public ImageSet? TrainImages { get; init; }

    /// <value>
    /// Folder with train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz. Defaults to null: the Debian
    /// package's folder when installed, else the committed subset (<see cref="FashionMnist.DefaultTrainDirectory"/>).
    /// </value>
    public string? TrainDirectory { get; init; }

    /// <value>Use only the first N training images; 0 = all. Defaults to 0.</value>
    public int TrainLimit { get; init; }

    /// <value>Test images already in memory, for the card's evaluation; null = load <see cref="TestDirectory"/>. Defaults to null.</value>
    public ImageSet? TestImages { get; init; }

    /// <value>Folder with t10k-*.gz used when <see cref="TestImages"/> is null. Defaults to the committed test split.</value>
    public string TestDirectory { get; init; } = FashionMnist.RepositoryDirectory;

    /// <value>Training epochs. Defaults to 10 (the setting of the committed v1).</value>
    public int Epochs { get; init; } = 10;

    /// <value>Seeds the validation split, initialisation, shuffling and label corruption. Defaults to 42.</value>
    public int Seed { get; init; } = 42;

    /// <value>Version written into the card and the ONNX doc string. Defaults to 1.</value>
    public int Version { get; init; } = 1;

    /// <value>Share of training images held out to fit the temperature. Defaults to 1/12.</value>
    public double ValidationFraction { get; init; } = 1 / 12.0;

    /// <value>Share of training labels replaced by a different, random class (0 = none, 1 = all). Defaults to 0.</value>
    public double LabelNoise { get; init; }

    /// <value>Permute the training labels among the images, which leaves nothing to learn. Defaults to false.</value>
    public bool ShuffleLabels { get; init; }

    /// <value>Skip the ORT latency benchmark (about a second) and write "not measured" in the card. Defaults to false.</value>
    public bool SkipLatency { get; init; }

    public void Validate()
    {
        var errors = new List<string>();
        var first = (string?)null;
        void Fail(string field, string message)
        {
            first ??= field;
            errors.Add($"{field} {message}");
        }

        if (TrainImages is not null && TrainDirectory is not null)
        {
            Fail(nameof(TrainDirectory), "must be null when TrainImages is set (one source of training images)");
        }
        else if (TrainDirectory is not null && string.IsNullOrWhiteSpace(TrainDirectory))
        {
            Fail(nameof(TrainDirectory), "must be null (default) or a folder");
        }

        CheckShape(nameof(TrainImages), TrainImages, Fail);
        CheckShape(nameof(TestImages), TestImages, Fail);
        if (TestImages is null && string.IsNullOrWhiteSpace(TestDirectory))
        {
            Fail(nameof(TestDirectory), "must be set when TestImages is null");
        }

        if (TrainLimit is < 0 or (> 0 and < 20))
        {
            Fail(nameof(TrainLimit), $"must be 0 (all) or at least 20 (was {TrainLimit})");
        }

        if (Epochs is < 1 or > 1000)
        {
            Fail(nameof(Epochs), $"must be 1..1000 (was {Epochs})");
        }

        if (Version < 1)
        {
            Fail(nameof(Version), $"must be at least 1 (was {Version})");
        }

        if (!(ValidationFraction > 0 && ValidationFraction <= 0.5))
        {
            Fail(nameof(ValidationFraction), $"must be in (0, 0.5] (was {ValidationFraction})");
        }

        if (!(LabelNoise >= 0 && LabelNoise <= 1))
        {
            Fail(nameof(LabelNoise), $"must be in [0, 1] (was {LabelNoise})");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid candidate options: " + string.Join("; ", errors), first);
        }
    }

    private static void CheckShape(string field, ImageSet? images, Action<string, string> fail)
    {
        if (images is not null && (images.Rows != FashionMnist.ImageSide || images.Cols != FashionMnist.ImageSide))
        {
            fail(field, $"must be {FashionMnist.ImageSide}x{FashionMnist.ImageSide} images (were {images.Rows}x{images.Cols})");
        }
    }
}
