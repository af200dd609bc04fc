namespace HybridInference.Bench.Services;

/// <summary>Resident memory as the kernel reports it, which is what a device with little RAM runs out of.</summary>
public static class ProcessMemory
{
    public static long? ResidentBytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                // "VmRSS:     123456 kB"
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process exited, or this is not Linux.
        }

        return null;
    }
}
