namespace HybridInference.Training.Data;

/// <summary>
/// Fashion-MNIST: file names, class names, where the files live and how a split is loaded.
/// </summary>
public static class FashionMnist
{
    public const int ImageSide = 28;
    public const int PixelCount = ImageSide * ImageSide;
    public const int ClassCount = 10;

    /// <summary>Where Debian's dataset-fashion-mnist package installs the full dataset.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The committed copy of the 10k test split, relative to the repository root.</summary>
    public const string RepositoryDirectory = "data/fashion-mnist";

    /// <summary>
    /// The committed first 5,000 training images, relative to the repository root: lets the pipeline run on
    /// machines without the Debian package (models trained on it are weaker and are not published as v1).
    /// </summary>
    public const string RepositoryTrainSubsetDirectory = "data/fashion-mnist/train-subset";

    public static IReadOnlyList<string> ClassNames { get; } =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    public static string ImagesFile(DataSplit split) => split == DataSplit.Train ? "train-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte.gz";

    public static string LabelsFile(DataSplit split) => split == DataSplit.Train ? "train-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte.gz";

    /// <summary>The Debian package's folder when it holds the training split, else the committed subset.</summary>
    public static string DefaultTrainDirectory() =>
        File.Exists(Path.Combine(DebianDirectory, ImagesFile(DataSplit.Train))) && File.Exists(Path.Combine(DebianDirectory, LabelsFile(DataSplit.Train)))
            ? DebianDirectory
            : RepositoryTrainSubsetDirectory;

    /// <summary>Loads one split from <paramref name="directory"/>, checking that it is 28x28 and that the counts agree.</summary>
    public static ImageSet Load(string directory, DataSplit split)
    {
        var imagesPath = Path.Combine(directory, ImagesFile(split));
        var labelsPath = Path.Combine(directory, LabelsFile(split));
        var (pixels, count, rows, cols) = IdxReader.ReadImages(imagesPath);
        if (rows != ImageSide || cols != ImageSide)
        {
            throw new DataFormatException(imagesPath, $"images are {rows}x{cols}, Fashion-MNIST images are {ImageSide}x{ImageSide}");
        }

        var labels = IdxReader.ReadLabels(labelsPath, ClassCount);
        if (labels.Length != count)
        {
            throw new DataFormatException(labelsPath, $"count mismatch: {labels.Length} labels for {count} images in {imagesPath}");
        }

        return new ImageSet(pixels, labels, rows, cols);
    }

    /// <summary>SHA-256 (lower-case hex) of the images and labels files of a split, in that order.</summary>
    public static (string Images, string Labels) Hashes(string directory, DataSplit split) =>
        (FileHash.Sha256Hex(Path.Combine(directory, ImagesFile(split))), FileHash.Sha256Hex(Path.Combine(directory, LabelsFile(split))));
}
