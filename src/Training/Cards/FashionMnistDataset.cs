using HybridInference.Training.Data;

namespace HybridInference.Training.Cards;

/// <summary>The model card's dataset section for Fashion-MNIST, the data every model here is trained on.</summary>
public static class FashionMnistDataset
{
    extension(DatasetInfo)
    {
        /// <summary>Fashion-MNIST's source and licence with this run's files and split; <paramref name="name"/> says how the data was used.</summary>
        public static DatasetInfo FashionMnist(string name, IReadOnlyDictionary<string, string> fileSha256, int trainCount, int validationCount, int testCount) => new(
            name,
            "Zalando Research, https://github.com/zalandoresearch/fashion-mnist (Debian package dataset-fashion-mnist)",
            "MIT, (c) 2017 Zalando SE",
            fileSha256,
            trainCount,
            validationCount,
            testCount,
            Data.FashionMnist.ClassNames);
    }
}
