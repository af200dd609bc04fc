using System.Globalization;
using System.Text;
using HybridInference.Contracts.Chaos;

namespace HybridInference.Cli;

/// <summary>The faults ChaosLab lists, as <c>hi chaos faults list</c> prints them.</summary>
internal static class FaultTable
{
    public static string Format(IReadOnlyList<Fault> faults)
    {
        if (faults.Count == 0)
        {
            return "no active faults\n";
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"id",-24} {"kind",-16} {"target",-34} {"rate",5} expires");
        foreach (var f in faults)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{f.Id,-24} {f.Kind.ToName(),-16} {f.Target,-34} {f.Rate,5:0.##} {f.ExpiresAt:O}");
        }

        return text.ToString();
    }
}
