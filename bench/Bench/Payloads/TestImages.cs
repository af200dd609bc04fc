using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;
using HybridInference.Contracts.Grpc;
using HybridInference.Training.Data;

namespace HybridInference.Bench.Payloads;

/// <summary>
/// Requests made from the committed test split. The first image is one the edge model is sure of (0.87 above
/// the router's 0.83 threshold), so a routed request is answered by the edge alone and the router hop is
/// measured without a cloud call.
/// </summary>
public sealed class TestImages
{
    private TestImages(ImageSet set) => Set = set;

    public ImageSet Set { get; }

    public static TestImages Load() => new(FashionMnist.Load(RepositoryPaths.TestData, DataSplit.Test));

    /// <summary>Pixels of <paramref name="count"/> images from <paramref name="first"/>, scaled to [0, 1] as the models were trained.</summary>
    public float[] Pixels(int first, int count) => Set.Pixels.AsSpan(first * Set.PixelsPerImage, count * Set.PixelsPerImage).ToArray();

    /// <summary>An OIP v2 JSON request for images [first, first + count) as one [count, 784] input, numbers in shortest round-trip form.</summary>
    public byte[] JsonRequest(int first = 0, int count = 1)
    {
        var pixels = Pixels(first, count);
        var json = new StringBuilder(pixels.Length * 12);
        json.Append(CultureInfo.InvariantCulture, $"{{\"inputs\":[{{\"name\":\"input\",\"shape\":[{count},{Set.PixelsPerImage}],\"datatype\":\"FP32\",\"data\":[");
        for (var i = 0; i < pixels.Length; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(pixels[i].ToString("R", CultureInfo.InvariantCulture));
        }

        return Encoding.UTF8.GetBytes(json.Append("]}]}").ToString());
    }

    /// <summary>A gRPC ModelInfer request for one image with <c>raw_input_contents</c> (little-endian FP32).</summary>
    public ModelInferRequest GrpcRequest(string model, int first = 0)
    {
        var request = new ModelInferRequest { ModelName = model };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "input", Datatype = "FP32" };
        input.Shape.AddRange([1, Set.PixelsPerImage]);
        request.Inputs.Add(input);
        request.RawInputContents.Add(ByteString.CopyFrom(MemoryMarshal.AsBytes(Pixels(first, 1).AsSpan())));
        return request;
    }
}
