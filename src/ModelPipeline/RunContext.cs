using System.IO.Hashing;
using System.Runtime.InteropServices;
using HybridInference.ModelPipeline.Validation;
using HybridInference.Training.Data;

namespace HybridInference.ModelPipeline;

/// <summary>Data loaded once per invocation; a resumed invocation reloads it from the same folders.</summary>
internal sealed class RunContext
{
    private ImageSet? _holdout;
    private (ImageSet Images, int Excluded)? _training;

    public ImageSet Holdout(PipelineOptions options)
    {
        if (_holdout is null)
        {
            var test = FashionMnist.Load(options.TestDirectory, DataSplit.Test);
            if (test.Count <= options.HoldoutCount)
            {
                throw new DataFormatException(options.TestDirectory, $"the test split has {test.Count:N0} images; {options.HoldoutCount:N0} held out need more");
            }

            _holdout = test.Select(Enumerable.Range(test.Count - options.HoldoutCount, options.HoldoutCount).ToArray());
        }

        return _holdout;
    }

    /// <summary>The new images minus any equal to a held-out image, so the gates never score training images.</summary>
    public (ImageSet Images, int Excluded) TrainingImages(PipelineOptions options)
    {
        if (_training is null)
        {
            var (images, _) = LabelledData.Load(options.DataDirectory);
            var holdout = Holdout(options);
            var seen = new HashSet<UInt128>();
            for (var i = 0; i < holdout.Count; i++)
            {
                seen.Add(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(holdout.Image(i))));
            }

            var keep = Enumerable.Range(0, images.Count).Where(i => !seen.Contains(XxHash128.HashToUInt128(MemoryMarshal.AsBytes(images.Image(i))))).ToArray();
            _training = (images.Select(keep), images.Count - keep.Length);
        }

        return _training.Value;
    }
}
