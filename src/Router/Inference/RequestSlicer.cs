using HybridInference.Contracts.Oip;

namespace HybridInference.Router.Inference;

/// <summary>Builds the request for a subset of a batch's rows: the escalated images go to the cloud as one batch.</summary>
public static class RequestSlicer
{
    public static InferenceRequest Rows(InferenceRequest request, int totalRows, IReadOnlyList<int> rows)
    {
        if (rows.Count == totalRows)
        {
            return request;
        }

        return new InferenceRequest
        {
            Id = request.Id,
            Parameters = request.Parameters,
            Outputs = request.Outputs,
            Inputs = request.Inputs!.Select(input => Slice(input, totalRows, rows)).ToList(),
        };
    }

    private static RequestInput Slice(RequestInput input, int totalRows, IReadOnlyList<int> rows)
    {
        var data = input.Data!;
        var rowSize = data.Count / totalRows;
        var shape = input.Shape!.ToList();
        shape[0] = rows.Count;
        TensorData sliced;
        if (data.Singles is { } singles)
        {
            var values = new float[rows.Count * rowSize];
            for (var i = 0; i < rows.Count; i++)
            {
                singles.AsSpan(rows[i] * rowSize, rowSize).CopyTo(values.AsSpan(i * rowSize));
            }

            sliced = TensorData.FromSingles(values);
        }
        else
        {
            var numbers = data.Numbers ?? throw new ArgumentException($"input '{input.Name}' holds no numbers", nameof(input));
            var values = new double[rows.Count * rowSize];
            for (var i = 0; i < rows.Count; i++)
            {
                numbers.AsSpan(rows[i] * rowSize, rowSize).CopyTo(values.AsSpan(i * rowSize));
            }

            sliced = TensorData.FromNumbers(values);
        }

        return new RequestInput { Name = input.Name, Datatype = input.Datatype, Parameters = input.Parameters, Shape = shape, Data = sliced };
    }
}
