using HybridInference.Training.Evaluation;

namespace HybridInference.Training.Tests.Evaluation;

public class CalibrationTests
{
    [Fact]
    public void ExpectedCalibrationError_PerfectlyCalibrated_IsZero() =>
        Assert.Equal(0.0, Calibration.ExpectedCalibrationError([0.75f, 0.75f, 0.75f, 0.75f], [true, true, true, false]), 6);

    [Fact]
    public void ExpectedCalibrationError_OverConfident_IsTheGap() =>
        Assert.Equal(0.5, Calibration.ExpectedCalibrationError([1f, 1f], [true, false]), 6);
}
