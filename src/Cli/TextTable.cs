using System.Text;

namespace HybridInference.Cli;

/// <summary>The one shape of the list tables: a line saying there is nothing, or a header line and one line a row.</summary>
internal static class TextTable
{
    public static string Format<T>(IReadOnlyList<T> rows, string none, string header, Func<T, string> row)
    {
        if (rows.Count == 0)
        {
            return none;
        }

        var text = new StringBuilder();
        text.AppendLine(header);
        foreach (var item in rows)
        {
            text.AppendLine(row(item));
        }

        return text.ToString();
    }
}
