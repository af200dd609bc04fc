namespace HybridInference.Contracts.Registry;

/// <summary>A model card's ONNX file: name relative to the card, size, SHA-256 (bare hex), opset.</summary>
public sealed record ModelFile(string Path, long SizeBytes, string Sha256, int Opset);
