using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HybridInference.Bench.Payloads;
using HybridInference.Contracts.Oip;
using HybridInference.Inference.Http;

namespace HybridInference.Bench.Micro;

/// <summary>
/// The JSON half of an edge request: parsing one 784-number OIP input with the serving path's own
/// <see cref="RequestBodyReader"/> (the fast path of <see cref="InferenceRequestParser"/>) and with the
/// serializer alone, and writing a 10-class answer and a 784-number request with the
/// source-generated contract.
/// </summary>
[MemoryDiagnoser]
public class OipJsonBenchmarks
{
    private byte[] _request = [];
    private InferenceRequest _parsed = null!;
    private InferenceResponse _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = TestImages.Load().JsonRequest();
        _parsed = RequestBodyReader.Parse(_request);
        _response = JsonSerializer.Deserialize(
            """{"model_name":"fashion-edge","model_version":"1","outputs":[{"name":"probabilities","shape":[1,10],"datatype":"FP32","data":[0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08,0.09,0.55]}]}""",
            OipJsonContext.Default.InferenceResponse)!;
    }

    [Benchmark(Baseline = true)]
    public InferenceRequest ParseRequest784() => RequestBodyReader.Parse(_request);

    /// <summary>The general path alone (System.Text.Json with the converter), which the fast path is measured against.</summary>
    [Benchmark]
    public InferenceRequest? ParseRequest784Serializer() => JsonSerializer.Deserialize(_request, OipJsonContext.Default.InferenceRequest);

    [Benchmark]
    public byte[] SerialiseRequest784() => JsonSerializer.SerializeToUtf8Bytes(_parsed, OipJsonContext.Default.InferenceRequest);

    [Benchmark]
    public byte[] SerialiseResponse10() => JsonSerializer.SerializeToUtf8Bytes(_response, OipJsonContext.Default.InferenceResponse);
}
