using HybridInference.Bench.Suite;

namespace HybridInference.Bench.Tests;

public class ReportWriterTests
{
    [Fact]
    public void Replaces_only_the_text_between_the_markers()
    {
        var document = $"# Benchmarks\n\nhand-written before\n\n{ReportWriter.Begin}\nold table\n{ReportWriter.End}\n\nhand-written after\n";

        var updated = ReportWriter.ReplaceSection(document, "new table\n");

        Assert.Equal($"# Benchmarks\n\nhand-written before\n\n{ReportWriter.Begin}\nnew table\n{ReportWriter.End}\n\nhand-written after\n", updated);
    }

    [Fact]
    public void Appends_a_marked_section_to_a_document_without_one()
    {
        var updated = ReportWriter.ReplaceSection("# Benchmarks\n", "table");

        Assert.StartsWith("# Benchmarks\n", updated, StringComparison.Ordinal);
        Assert.Contains($"{ReportWriter.Begin}\ntable\n{ReportWriter.End}", updated, StringComparison.Ordinal);
        Assert.Equal(updated, ReportWriter.ReplaceSection(updated, "table"));
    }
}
