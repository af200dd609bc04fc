using HybridInference.Training.Data;
using HybridInference.Training.Degradation;

namespace HybridInference.ModelPipeline.Tests.Runs;

/// <summary>Drifted data for whole-run tests: the same images through a brighter camera.</summary>
internal static class DataValidatorTestsAccess
{
    public static ImageSet Brighter(ImageSet images) => Validation.DataValidatorTests.Degrade(images, new BrightnessShift(0.15));
}
