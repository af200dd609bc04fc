namespace HybridInference.Training.Cli;

/// <summary>
/// One status line for long work, as <c>hi</c>'s (src/Cli/Progress.cs) but synchronous, because the training and
/// pipeline logs it follows are synchronous callbacks. On a terminal the line is rewritten in place (<c>\r</c>,
/// padded over the previous text) and cleared before any ordinary line is written; when the writer is not the
/// console, or the console's output is redirected, nothing is written, so logs and pipes get the plain lines only.
/// </summary>
internal sealed class Progress(TextWriter writer, bool? interactive = null)
{
    private int _shown;

    /// <summary>Whether this writer is a terminal the line can be rewritten on.</summary>
    public bool Interactive { get; } = interactive ?? (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>Shows <paramref name="status"/> in place of the previous status.</summary>
    public void Show(string status)
    {
        if (!Interactive)
        {
            return;
        }

        writer.Write("\r" + status.PadRight(_shown));
        _shown = status.Length;
        writer.Flush();
    }

    /// <summary>Removes the status line, so the next ordinary line starts at the left margin.</summary>
    public void Clear()
    {
        if (!Interactive || _shown == 0)
        {
            return;
        }

        writer.Write("\r" + new string(' ', _shown) + "\r");
        _shown = 0;
    }

    /// <summary>Writes an ordinary line, clearing the status line first.</summary>
    public void WriteLine(string line)
    {
        Clear();
        writer.WriteLine(line);
    }
}
