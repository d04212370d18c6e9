using System.Diagnostics;

namespace Backup.Bench;

/// <summary>Latency samples and their summaries.</summary>
internal sealed class Timing
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public static async Task<Timing> RepeatAsync(int times, Func<Task> work)
    {
        var timing = new Timing();
        for (var i = 0; i < times; i++)
        {
            await timing.MeasureAsync(work);
        }

        return timing;
    }

    public async Task MeasureAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        await work();
        Add(Stopwatch.GetElapsedTime(started));
    }

    public void Add(TimeSpan sample)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(sample.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public double Median => Percentile(50);
}

internal static class Units
{
    public static string Mb(long bytes) => $"{bytes / 1024d / 1024d:0.0} MB";

    public static string Ms(double milliseconds) => milliseconds >= 100 ? $"{milliseconds:0} ms" : $"{milliseconds:0.00} ms";
}
