using System.Globalization;
using Backup.Api.Contracts;
using Backup.Domain;

namespace Backup.Api.Tests;

public sealed class ContractTests
{
    [Test]
    public void Start_times_are_written_in_the_originals_format_in_utc()
    {
        var random = new Random(7);
        var name = new SnapshotName(Component.Operate, BackupId.Create(1).Value, "8.7.0", 1, 6);
        var offsets = new[] { TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromHours(-9.5) };
        for (var i = 0; i < 2_000; i++)
        {
            var utc = new DateTime(random.NextInt64(DateTime.MinValue.AddDays(1).Ticks, DateTime.MaxValue.AddDays(-1).Ticks), DateTimeKind.Utc);
            var offset = offsets[i % offsets.Length];
            var time = new DateTimeOffset(utc.Ticks + offset.Ticks, offset);

            var written = SnapshotDetail.From(new Snapshot(name, "SUCCESS", time, null, [])).StartTime;

            Assert.That(written, Is.EqualTo(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture)));
        }
    }
}
