using HybridInference.ModelPipeline.Gates;
using HybridInference.ModelPipeline.Validation;

namespace HybridInference.ModelPipeline.Tests;

public class PipelineOptionsTests
{
    private static readonly PipelineOptions Good = new() { DataDirectory = "/data/new" };

    [Fact]
    public void Validate_Defaults_WithData_Ok() => Good.Validate();

    [Theory]
    [InlineData("DataDirectory")]
    [InlineData("Model")]
    [InlineData("HoldoutCount")]
    [InlineData("Epochs")]
    [InlineData("LabelNoise")]
    [InlineData("StopAfter")]
    [InlineData("Actor")]
    [InlineData("MergeLimit")]
    [InlineData("ReferenceLimit")]
    [InlineData("Validation")]
    [InlineData("Gates")]
    public void Validate_BadField_NamedInTheException(string field)
    {
        var options = field switch
        {
            "DataDirectory" => Good with { DataDirectory = " " },
            "Model" => Good with { Model = "Fashion Edge" },
            "HoldoutCount" => Good with { HoldoutCount = 10 },
            "Epochs" => Good with { Epochs = 0 },
            "LabelNoise" => Good with { LabelNoise = 2 },
            "StopAfter" => Good with { StopAfter = "deploy" },
            "Actor" => Good with { Actor = "" },
            "MergeLimit" => Good with { MergeLimit = -1 },
            "ReferenceLimit" => Good with { ReferenceLimit = 5 },
            "Validation" => Good with { Validation = new DataValidationOptions { MaxClassShare = 0.05 } },
            "Gates" => Good with { Gates = new GateOptions { MaxP95LatencyMs = 0 } },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message);
    }
}
