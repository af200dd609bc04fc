using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HybridInference.Router.Tests.Routing;

/// <summary>Collects formatted log messages so tests can assert on what an operator would read.</summary>
internal sealed class ListLogger : ILoggerProvider, ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception)));

    public void Dispose()
    {
    }
}
