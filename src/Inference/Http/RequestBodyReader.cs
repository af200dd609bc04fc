using System.Buffers;
using System.Text.Json;
using HybridInference.Contracts.Oip;
using HybridInference.Inference.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HybridInference.Inference.Http;

/// <summary>
/// Reads an inference request body under the configured size limit and turns every way it can be
/// unusable into an <see cref="OipException"/> with the protocol's status: 413 when too large (decided
/// from Content-Length before reading when possible), 400 for broken JSON, with the parser's position.
/// </summary>
internal static class RequestBodyReader
{
    public static async Task<InferenceRequest> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, request.ContentLength ?? 16 * 1024) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, buffer.Length * 2L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw TooLarge(limit);
                }
            }

            return request.Headers.TryGetValue(BinaryTensorExtension.HeaderLengthHeader, out var headerLength)
                ? BinaryTensorExtension.Parse(buffer.AsSpan(0, length), headerLength.ToString())
                : Parse(buffer.AsSpan(0, length));
        }
        catch (BadHttpRequestException ex)
        {
            throw ex.StatusCode == OipStatus.PayloadTooLarge
                ? TooLarge(limit)
                : new OipException(OipStatus.BadRequest, $"unreadable request body: {ex.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a complete body; public to the tests that feed it generated garbage.</summary>
    public static InferenceRequest Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new OipException(OipStatus.BadRequest, "the request body is empty; expected an inference request {\"inputs\": [...]}");
        }

        try
        {
            return InferenceRequestParser.Parse(body)
                ?? throw new OipException(OipStatus.BadRequest, "the request body is null; expected an inference request {\"inputs\": [...]}");
        }
        catch (JsonException ex)
        {
            throw new OipException(OipStatus.BadRequest, $"malformed JSON: {ex.Message}");
        }
    }

    private static OipException TooLarge(long limit) =>
        new(OipStatus.PayloadTooLarge, $"the request body exceeds the limit of {limit} bytes (Serving:MaxRequestBodyBytes); split the batch");
}
