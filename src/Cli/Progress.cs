namespace HybridInference.Cli;

/// <summary>
/// One status line for long work. On a terminal it is rewritten in place (<c>\r</c>, padded over the previous
/// text) and cleared before any ordinary line is written; when the writer is not the console, or the console's
/// output is redirected, nothing is written, so logs and pipes get the plain lines only.
/// </summary>
public sealed class Progress(TextWriter writer, bool? interactive = null)
{
    private int _shown;

    /// <summary>Whether this writer is a terminal the line can be rewritten on.</summary>
    public bool Interactive { get; } = interactive ?? (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>Shows <paramref name="status"/> in place of the previous status.</summary>
    public async Task ShowAsync(string status)
    {
        if (!Interactive)
        {
            return;
        }

        await writer.WriteAsync("\r" + status.PadRight(_shown));
        _shown = status.Length;
        await writer.FlushAsync();
    }

    /// <summary>Removes the status line, so the next ordinary line starts at the left margin.</summary>
    public async Task ClearAsync()
    {
        if (!Interactive || _shown == 0)
        {
            return;
        }

        await writer.WriteAsync("\r" + new string(' ', _shown) + "\r");
        _shown = 0;
    }

    /// <summary>Writes an ordinary line, clearing the status line first.</summary>
    public async Task WriteLineAsync(string line)
    {
        await ClearAsync();
        await writer.WriteLineAsync(line);
    }
}
