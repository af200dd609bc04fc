using System.Globalization;
using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Training.Data;

namespace HybridInference.ChaosLab.Experiments;

/// <summary>
/// The request writer: the OIP v2 request for one test image, as the protocol's contract type, with its label in
/// <c>parameters.labels</c> (the prediction log's accuracy) and <c>parameters.priority</c> when the plan asks for it.
/// </summary>
internal static class TrafficRequest
{
    private static readonly JsonElement True = JsonSerializer.SerializeToElement(true, OipJsonContext.Default.Boolean);

    public static InferenceRequest Create(string id, ImageSet images, int image, int label, bool priority)
    {
        var parameters = new Dictionary<string, JsonElement>
        {
            ["labels"] = JsonSerializer.SerializeToElement(label.ToString(CultureInfo.InvariantCulture), OipJsonContext.Default.String),
        };
        if (priority)
        {
            parameters["priority"] = True;
        }

        return new InferenceRequest
        {
            Id = id,
            Inputs =
            [
                new RequestInput
                {
                    Name = "input",
                    Shape = [1, images.PixelsPerImage],
                    Datatype = Datatypes.Fp32,
                    Data = TensorData.FromSingles(images.Image(image).ToArray()),
                },
            ],
            Parameters = parameters,
        };
    }

    /// <summary>The request's JSON body.</summary>
    public static byte[] Write(string id, ImageSet images, int image, int label, bool priority) =>
        JsonSerializer.SerializeToUtf8Bytes(Create(id, images, image, label, priority), OipJsonContext.Default.InferenceRequest);
}
