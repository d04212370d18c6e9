using System.Diagnostics.Metrics;

namespace Backup.Application.Tests;

/// <summary>Meters as the host would create them, kept so that a test can listen to exactly this harness's instruments.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Backup => _meters.Single(m => m.Name == Observing.BackupMetrics.MeterName);

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
