using HybridInference.Training.Data;

namespace HybridInference.Training.Nn;

/// <summary>The two network shapes this project ships.</summary>
public static class Architectures
{
    /// <summary>
    /// Edge: one small hidden layer. A dozen thousand weights: microseconds per image and tens of kilobytes.
    /// </summary>
    public static Network Mlp(int hidden) =>
        new([
            new DenseLayer(FashionMnist.PixelCount, hidden),
            new ReluLayer(hidden),
            new DenseLayer(hidden, FashionMnist.ClassCount),
        ]);

    /// <summary>
    /// Cloud: two 5x5 convolution + 2x2 max-pool stages and a wide dense layer. The convolutions supply the
    /// translation-tolerant features an MLP lacks (about 4 points on Fashion-MNIST).
    /// </summary>
    public static Network Cnn(int channels1, int channels2, int hidden)
    {
        const int side = FashionMnist.ImageSide;
        return new([
            new Conv2dLayer(1, channels1, side, 5),
            new ReluLayer(channels1 * side * side),
            new MaxPool2dLayer(channels1, side),
            new Conv2dLayer(channels1, channels2, side / 2, 5),
            new ReluLayer(channels2 * side * side / 4),
            new MaxPool2dLayer(channels2, side / 2),
            new DenseLayer(channels2 * side * side / 16, hidden),
            new ReluLayer(hidden),
            new DenseLayer(hidden, FashionMnist.ClassCount),
        ]);
    }
}
