namespace Backup.Bench;

/// <summary>The service's own share of each measured call: in milliseconds, and over the engine's time for that call.</summary>
internal sealed class OwnShares
{
    private readonly Timing _milliseconds = new();

    private readonly Timing _ofEngine = new();

    public void Add(ServiceCall call)
    {
        _milliseconds.Add(call.OwnShare);
        _ofEngine.Add(call.OfEngine);
    }

    /// <summary>Two cells of a table: the share's median and p25–p75, then the same of its fraction of the engine's time.</summary>
    public string Cells =>
        $"{Units.Ms(_milliseconds.Median)} ({_milliseconds.Spread}) | {_ofEngine.Median:0%} ({_ofEngine.Percentile(25):0%}–{_ofEngine.Percentile(75):0%})";

    /// <summary>
    /// At most 10 % of the engine's time for the same call (the median of the rounds' <see cref="ServiceCall.OfEngine"/>),
    /// or under 2 ms while the engine answers in under 20 ms.
    /// </summary>
    public Goal Goal(string name, double engineMilliseconds) => HeldInMilliseconds(engineMilliseconds)
        ? new Goal(name, Units.Ms(_milliseconds.Median), Units.Ms(2), _milliseconds.Median <= 2)
        : new Goal(name, $"{_ofEngine.Median:0.0%} of the engine", "10 %", _ofEngine.Median <= 0.10);

    /// <summary>
    /// How far the median the goal is held on may be from the one more rounds would give: half its 95 % interval,
    /// over the median itself.
    /// </summary>
    public double Uncertainty(double engineMilliseconds)
    {
        var figure = HeldInMilliseconds(engineMilliseconds) ? _milliseconds : _ofEngine;
        var (low, high) = figure.MedianInterval();
        return (high - low) / 2 / Math.Abs(figure.Median);
    }

    /// <summary>Whether the goal is held on the share in milliseconds rather than on its fraction of the engine's time.</summary>
    private static bool HeldInMilliseconds(double engineMilliseconds) => engineMilliseconds < 20;
}
