using System.Diagnostics;

namespace Backup.Bench;

/// <summary>Latency samples and their summaries.</summary>
internal sealed class Timing
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public double Median => Percentile(50);

    /// <summary>The middle half of the samples, p25–p75: how far one figure can be trusted on a busy machine.</summary>
    public string Spread => $"{Units.Ms(Percentile(25))}–{Units.Ms(Percentile(75))}";

    public static async Task<Timing> RepeatAsync(int times, Func<Task> work)
    {
        var timing = new Timing();
        for (var i = 0; i < times; i++)
        {
            await timing.MeasureAsync(work);
        }

        return timing;
    }

    public static async Task<double> MillisecondsAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    public async Task MeasureAsync(Func<Task> work) => Add(await MillisecondsAsync(work));

    public void Add(TimeSpan sample) => Add(sample.TotalMilliseconds);

    public void Add(double milliseconds)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    /// <summary>
    /// Where the median lies with 95 % confidence, whatever the samples' distribution: between the order statistics
    /// ranked n/2 − 0.98√n and n/2 + 1 + 0.98√n (the normal approximation to the binomial), rounded outwards.
    /// </summary>
    public (double Low, double High) MedianInterval()
    {
        var sorted = Sorted();
        var reach = 0.98 * Math.Sqrt(sorted.Count);
        var low = (int)Math.Floor((sorted.Count / 2d) - reach);
        var high = (int)Math.Ceiling((sorted.Count / 2d) + 1 + reach);
        return (sorted[Math.Clamp(low - 1, 0, sorted.Count - 1)], sorted[Math.Clamp(high - 1, 0, sorted.Count - 1)]);
    }

    public double Percentile(double p)
    {
        var sorted = Sorted();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private List<double> Sorted()
    {
        lock (_milliseconds)
        {
            return _milliseconds.Order().ToList();
        }
    }
}

internal static class Units
{
    public static string Mb(long bytes) => $"{bytes / 1024d / 1024d:0.0} MB";

    public static string Ms(double milliseconds) => Math.Abs(milliseconds) >= 100 ? $"{milliseconds:0} ms" : $"{milliseconds:0.00} ms";
}
