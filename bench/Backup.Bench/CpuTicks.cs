using System.Globalization;

namespace Backup.Bench;

/// <summary>The machine's CPU time so far (the first line of <c>/proc/stat</c>), in clock ticks.</summary>
internal readonly record struct CpuTicks(long Total, long Steal)
{
    public static CpuTicks Read()
    {
        // user nice system idle iowait irq softirq steal (guest time is counted in user already)
        var ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9]
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new CpuTicks(ticks.Sum(), ticks[7]);
    }

    /// <summary>
    /// The share of the CPU time since <paramref name="start"/> that the hypervisor gave to other machines: a virtual
    /// machine's speed moves with it, the service's and the engine's alike.
    /// </summary>
    public double StealSince(CpuTicks start) => (Steal - start.Steal) / (double)Math.Max(1, Total - start.Total);
}
