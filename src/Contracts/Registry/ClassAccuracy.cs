namespace HybridInference.Contracts.Registry;

/// <summary>Accuracy on the test images of one class.</summary>
public sealed record ClassAccuracy(int Class, string Name, double Accuracy);
