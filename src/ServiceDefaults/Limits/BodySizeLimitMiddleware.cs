using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HybridInference.ServiceDefaults.Limits;

/// <summary>
/// Answers a body over the endpoint's <see cref="BodySizeLimit"/> with 413 ProblemDetails naming the limit and its
/// setting: at once when <c>Content-Length</c> says so, else when the server stops the body while it is read.
/// </summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is not BodySizeLimit limit)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > limit.Bytes)
        {
            await RefuseAsync(context, limit).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context, limit).ConfigureAwait(false);
        }
    }

    private async Task RefuseAsync(HttpContext context, BodySizeLimit limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var declared = context.Request.ContentLength is { } length ? string.Create(CultureInfo.InvariantCulture, $" of {length} bytes") : "";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"the request body{declared} exceeds this endpoint's limit of {limit.Bytes} bytes ({limit.Setting})"),
            },
        }).ConfigureAwait(false);
    }
}
