using System.Globalization;
using System.Runtime.InteropServices;

namespace HybridInference.Bench.Suite;

/// <summary>What the figures were measured on; shared machines make the load average part of every figure.</summary>
public static class MachineInfo
{
    /// <summary>The 1-minute load average from /proc/loadavg; NaN where there is none.</summary>
    public static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {RuntimeInformation.ProcessArchitecture}";
}
