using System.Globalization;

namespace Frgm.TestSupport;

/// <summary>A child process's memory as Linux accounts it (/proc/&lt;pid&gt;/status): peak (VmHWM) and current (VmRSS) resident bytes.</summary>
public static class ProcessMemory
{
    public static long PeakResidentBytes(int pid) => Read(pid, "VmHWM:");

    public static long ResidentBytes(int pid) => Read(pid, "VmRSS:");

    private static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}");
    }
}
