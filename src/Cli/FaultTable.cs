using System.Globalization;
using HybridInference.Contracts.Chaos;

namespace HybridInference.Cli;

/// <summary>The faults ChaosLab lists, as <c>hi chaos faults list</c> prints them.</summary>
internal static class FaultTable
{
    public static string Format(IReadOnlyList<Fault> faults) => TextTable.Format(
        faults,
        "no active faults\n",
        string.Create(CultureInfo.InvariantCulture, $"{"id",-24} {"kind",-16} {"target",-34} {"rate",5} expires"),
        f => string.Create(CultureInfo.InvariantCulture, $"{f.Id,-24} {f.Kind.ToName(),-16} {f.Target,-34} {f.Rate,5:0.##} {f.ExpiresAt:O}"));
}
