using Microsoft.AspNetCore.Http.Metadata;

namespace HybridInference.ServiceDefaults.Limits;

/// <summary>
/// An endpoint's largest request body, read from settings when first needed, with the setting's name for the 413.
/// Routing applies it to the server's <c>IHttpMaxRequestBodySizeFeature</c> (Kestrel then stops a longer body, chunked
/// or not); <see cref="BodySizeLimitMiddleware"/> refuses a declared <c>Content-Length</c> above it before anything reads.
/// </summary>
public sealed class BodySizeLimit(Func<long> bytes, string setting) : IRequestSizeLimitMetadata
{
    private readonly Lazy<long> _bytes = new(bytes);

    /// <summary>The limit in bytes.</summary>
    public long Bytes => _bytes.Value;

    /// <summary>The setting that decides it, e.g. <c>Limits:JsonBodyBytes</c>.</summary>
    public string Setting { get; } = setting;

    long? IRequestSizeLimitMetadata.MaxRequestBodySize => Bytes;
}
