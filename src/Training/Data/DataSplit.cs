namespace HybridInference.Training.Data;

/// <summary>The two files pairs Fashion-MNIST ships.</summary>
public enum DataSplit
{
    Train,
    Test,
}
