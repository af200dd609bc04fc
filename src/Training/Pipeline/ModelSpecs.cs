using HybridInference.Training.Nn;

namespace HybridInference.Training.Pipeline;

/// <summary>The edge and cloud models of the product, with the settings that produced v1.</summary>
public static class ModelSpecs
{
    public const string EdgeName = "fashion-edge";
    public const string CloudName = "fashion-cloud";

    public const int EdgeHidden = 16;
    public const int CloudChannels1 = 8;
    public const int CloudChannels2 = 16;
    public const int CloudHidden = 256;

    public static ModelSpec Edge(int seed, int epochs = 10) => new(
        EdgeName,
        "Edge model: a small, fast classifier that answers on the device when it is confident; its softmax temperature is calibrated so that its confidence can drive escalation to the cloud model.",
        $"MLP 784-{EdgeHidden}-10 (Gemm, Relu, Gemm, Softmax)",
        () => Architectures.Mlp(EdgeHidden),
        new TrainerOptions { Epochs = epochs, BatchSize = 64, LearningRate = 3e-3f, WeightDecay = 1e-4f, Seed = seed });

    public static ModelSpec Cloud(int seed, int epochs = 10) => new(
        CloudName,
        "Cloud model: a larger, more accurate classifier that answers the images the edge model is unsure about.",
        $"CNN conv5x5({CloudChannels1})-relu-maxpool2-conv5x5({CloudChannels2})-relu-maxpool2-dense({CloudHidden})-relu-dense(10)-softmax",
        () => Architectures.Cnn(CloudChannels1, CloudChannels2, CloudHidden),
        new TrainerOptions { Epochs = epochs, BatchSize = 64, LearningRate = 1e-3f, WeightDecay = 1e-4f, Seed = seed });
}
