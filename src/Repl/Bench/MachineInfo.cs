namespace VecStore.Repl.Bench;

/// <summary>The machine a run measured on, as reference.py records it: the processor's model name and the core count.</summary>
internal sealed record MachineInfo(string Cpu, int Cores)
{
    /// <summary>This machine: the first <c>model name</c> of /proc/cpuinfo (or the architecture elsewhere) and the processor count.</summary>
    public static MachineInfo Current { get; } = new(CpuName(), Environment.ProcessorCount);

    private static string CpuName()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is int colon and > 0)
                    return line[(colon + 1)..].Trim();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not Linux.
        }
        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}
