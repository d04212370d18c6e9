namespace Backup.Domain.Tests;

public sealed class SnapshotTests
{
    private static readonly SnapshotName Name = new(Component.Operate, BackupId.Create(42).Value, "8.7.0", 1, 6);

    [Test]
    public void Keeps_its_instants_to_the_tick_and_none_as_none()
    {
        var start = new DateTimeOffset(2026, 11, 30, 21, 40, 5, TimeSpan.FromHours(2)).AddTicks(1234567);
        var snapshot = new Snapshot(Name, "SUCCESS", start, null, []);

        Assert.That(snapshot.StartTime, Is.EqualTo(start));
        Assert.That(snapshot.StartTime!.Value.UtcTicks, Is.EqualTo(start.UtcTicks));
        Assert.That(snapshot.EndTime, Is.Null);
        Assert.That(new Snapshot(Name, "SUCCESS", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, []).StartTime, Is.EqualTo(DateTimeOffset.MinValue));
    }

    [Test]
    public void Changes_an_instant_with_with_and_leaves_the_other_alone()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_539_000_000);
        var snapshot = new Snapshot(Name, "IN_PROGRESS", start, null, []);

        var ended = snapshot with { EndTime = start.AddMinutes(3) };
        var restarted = ended with { StartTime = null };

        Assert.That((ended.StartTime, ended.EndTime), Is.EqualTo(((DateTimeOffset?)start, (DateTimeOffset?)start.AddMinutes(3))));
        Assert.That((restarted.StartTime, restarted.EndTime), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)start.AddMinutes(3))));
        Assert.That(snapshot.EndTime, Is.Null);
    }

    [Test]
    public void Is_equal_to_another_of_the_same_instants_whatever_their_offsets_and_unequal_otherwise()
    {
        var failures = Array.Empty<string>();
        var utc = DateTimeOffset.FromUnixTimeMilliseconds(1_764_539_000_000);
        var snapshot = new Snapshot(Name, "SUCCESS", utc, utc.AddSeconds(9), failures);

        Assert.That(new Snapshot(Name, "SUCCESS", utc.ToOffset(TimeSpan.FromHours(-5)), utc.AddSeconds(9), failures), Is.EqualTo(snapshot));
        Assert.That(new Snapshot(Name, "SUCCESS", utc.AddTicks(1), utc.AddSeconds(9), failures), Is.Not.EqualTo(snapshot));
        Assert.That(new Snapshot(Name, "SUCCESS", utc, null, failures), Is.Not.EqualTo(snapshot));
    }
}
