using HybridInference.Training.Data;

namespace HybridInference.ModelPipeline.Validation;

/// <summary>
/// A folder of new labelled images in Fashion-MNIST's IDX format: train-images/labels-*.gz, or the t10k-*
/// names (so the committed test split can be fed in for a demo).
/// </summary>
public static class LabelledData
{
    public static (ImageSet Images, DataSplit Split) Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DataFormatException(directory, "folder not found");
        }

        foreach (var split in new[] { DataSplit.Train, DataSplit.Test })
        {
            if (File.Exists(Path.Combine(directory, FashionMnist.ImagesFile(split))))
            {
                return (FashionMnist.Load(directory, split), split);
            }
        }

        throw new DataFormatException(
            directory,
            $"no {FashionMnist.ImagesFile(DataSplit.Train)} (with {FashionMnist.LabelsFile(DataSplit.Train)}) or {FashionMnist.ImagesFile(DataSplit.Test)} (with {FashionMnist.LabelsFile(DataSplit.Test)}) in the folder");
    }
}
