namespace HybridInference.Cli.Http;

/// <summary>
/// The handler a command's clients send through: the one <c>hi</c> was given (a test's in-process server), which
/// stays the caller's: the client factory disposes its handlers, and this wrapper leaves the shared one alone.
/// </summary>
internal sealed class SharedHandler(HttpMessageHandler shared) : HttpMessageHandler
{
    private readonly HttpMessageInvoker _invoker = new(shared, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker.Dispose();
        }

        base.Dispose(disposing);
    }
}
