using System.Text;

namespace Backup.Domain.Tests;

public sealed class SnapshotNameTests
{
    [TestCase("camunda_operate_123_8.2.0_part_1_of_6", Component.Operate, 123L, "8.2.0", 1, 6)]
    [TestCase("camunda_tasklist_1700000000_8.7.2_part_6_of_6", Component.Tasklist, 1700000000L, "8.7.2", 6, 6)]
    [TestCase("camunda_operate_9223372036854775807_8.6.0-snapshot_part_3_of_6", Component.Operate, long.MaxValue, "8.6.0-snapshot", 3, 6)]
    [TestCase("camunda_operate_999999999999999999_8.7.0_part_2_of_6", Component.Operate, 999_999_999_999_999_999L, "8.7.0", 2, 6)]
    [TestCase("camunda_operate_5_8.1.0_part_2_of_3", Component.Operate, 5L, "8.1.0", 2, 3)]
    [TestCase("camunda_operate_0_8.7.0_part_1_of_6", Component.Operate, 0L, "8.7.0", 1, 6)]
    [TestCase("camunda_webapps_123_8.8.0_part_5_of_5", Component.Webapps, 123L, "8.8.0", 5, 5)]
    [TestCase("camunda_webapps_7_8.8.1_part_1_of_7", Component.Webapps, 7L, "8.8.1", 1, 7)]
    public void Reads_back_what_it_writes(string text, Component component, long id, string version, int part, int count)
    {
        Assert.That(SnapshotName.TryParse(text, out var name), Is.True);
        Assert.That(name, Is.EqualTo(new SnapshotName(component, BackupId.Create(id).Value, version, part, count)));
        Assert.That(name.ToString(), Is.EqualTo(text));
        var utf8 = new byte[256];
        Assert.That(name.TryFormat(utf8, out var written), Is.True);
        Assert.That(Encoding.UTF8.GetString(utf8, 0, written), Is.EqualTo(text));
    }

    [Test]
    public void Formats_into_a_buffer_only_when_the_whole_name_fits()
    {
        var name = new SnapshotName(Component.Tasklist, BackupId.Create(1_700_000_000).Value, "8.7.2-ü", 12, 12);
        var text = Encoding.UTF8.GetBytes(name.ToString());
        for (var size = 0; size < text.Length; size++)
        {
            Assert.That(name.TryFormat(new byte[size], out _), Is.False, $"{size} bytes");
        }

        var exact = new byte[text.Length];
        Assert.That(name.TryFormat(exact, out var written), Is.True);
        Assert.That(exact.AsSpan(0, written).ToArray(), Is.EqualTo(text));
    }

    [TestCase(Component.Operate, 7, "8.7.0", 3, 12, TestName = "The next part of the same backup is written from the previous name")]
    [TestCase(Component.Operate, 7, "8.7.0", 10, 12, TestName = "A part with more digits is written from the previous name")]
    [TestCase(Component.Tasklist, 7, "8.7.0", 3, 12, TestName = "Another component's part is written whole")]
    [TestCase(Component.Operate, 70, "8.7.0", 3, 12, TestName = "Another backup's part is written whole")]
    [TestCase(Component.Operate, 7, "8.7.1", 3, 12, TestName = "A part of another version is written whole")]
    public void A_name_written_after_the_previous_one_is_the_name_itself(Component component, long id, string version, int part, int count)
    {
        var previous = new SnapshotName(Component.Operate, BackupId.Create(7).Value, "8.7.0", 9, 12);
        var previousUtf8 = Encoding.UTF8.GetBytes(previous.ToString());
        var name = new SnapshotName(component, BackupId.Create(id).Value, version, part, count);
        var expected = Encoding.UTF8.GetBytes(name.ToString());

        var utf8 = new byte[256];
        Assert.That(name.TryFormat(utf8, previous, previousUtf8, out var written), Is.True);
        Assert.That(utf8.AsSpan(0, written).ToArray(), Is.EqualTo(expected));
        for (var size = 0; size < expected.Length; size++)
        {
            Assert.That(name.TryFormat(new byte[size], previous, previousUtf8, out _), Is.False, $"{size} bytes");
        }
    }

    [TestCase("camunda_operate_7_8.7.0_part_3_of_12", true, TestName = "The next part of the same backup is read from the previous name")]
    [TestCase("camunda_operate_7_8.7.0_part_10_of_120", true, TestName = "A part with more digits is read from the previous name")]
    [TestCase("camunda_operate_7_8.7.0_part_0_of_12", false, TestName = "Part zero is not read from the previous name")]
    [TestCase("camunda_operate_7_8.7.0_part_13_of_12", false, TestName = "A part beyond the count is not read from the previous name")]
    [TestCase("camunda_operate_7_8.7.0_part_03_of_12", false, TestName = "A part with a leading zero is not read from the previous name")]
    [TestCase("camunda_operate_7_8.7.0_part_3_of_12_copy", false, TestName = "A suffix is not read from the previous name")]
    [TestCase("camunda_operate_7_8.7.0_part_3_x_12", false, TestName = "A name without of is not read from the previous name")]
    [TestCase("camunda_operate_7_8.7.0_part_", false, TestName = "A name without a part number is not read from the previous name")]
    [TestCase("camunda_operate_70_8.7.0_part_3_of_12", false, TestName = "Another backup's part is not read from the previous name")]
    [TestCase("camunda_tasklist_7_8.7.0_part_3_of_12", false, TestName = "Another component's part is not read from the previous name")]
    [TestCase("camunda_operate_7_8.7.1_part_3_of_12", false, TestName = "A part of another version is not read from the previous name")]
    public void A_name_read_after_the_previous_one_is_read_as_it_is_whole(string text, bool read)
    {
        var previous = new SnapshotName(Component.Operate, BackupId.Create(7).Value, "8.7.0", 9, 12);

        var parsed = SnapshotName.TryParse(Encoding.UTF8.GetBytes(text), previous, Encoding.UTF8.GetBytes(previous.ToString()), out var name);

        Assert.That(parsed, Is.EqualTo(read));
        if (read)
        {
            Assert.That(SnapshotName.TryParse(text, out var whole), Is.True);
            Assert.That(name, Is.EqualTo(whole));
            Assert.That(name.Version, Is.SameAs(previous.Version), "the version is the previous name's");
        }
    }

    [TestCase("daily-snap-2019.04.24-gwrqoo2xtea3q57vvg0uea", TestName = "an SLM snapshot")]
    [TestCase("camunda_operate_abc_8.7.0_part_1_of_6", TestName = "a non-numeric id")]
    [TestCase("camunda_operate_-1_8.7.0_part_1_of_6", TestName = "a negative id")]
    [TestCase("camunda_operate_99999999999999999999_8.7.0_part_1_of_6", TestName = "an id beyond 64 bits")]
    [TestCase("camunda_operate_9223372036854775808_8.7.0_part_1_of_6", TestName = "an id of 19 digits beyond 64 bits")]
    [TestCase("camunda_operate_1_8.7.0_part_0_of_6", TestName = "part zero")]
    [TestCase("camunda_operate_1_8.7.0_part_0_of_0", TestName = "part zero of zero")]
    [TestCase("camunda_operate_00_8.7.0_part_1_of_6", TestName = "id zero with a leading zero")]
    [TestCase("camunda_operate_1_8.7.0_part_7_of_6", TestName = "a part beyond the count")]
    [TestCase("camunda_optimize_1_8.7.0_part_1_of_6", TestName = "another component")]
    [TestCase("camunda_webappsx_1_8.8.0_part_1_of_5", TestName = "a component name with more letters")]
    [TestCase("CAMUNDA_OPERATE_1_8.7.0_PART_1_OF_6", TestName = "upper case")]
    [TestCase("camunda_operate_1_8.7.0_part_1_of_6_copy", TestName = "a suffix")]
    [TestCase("x_camunda_operate_1_8.7.0_part_1_of_6", TestName = "a prefix")]
    [TestCase("camunda_operate_1__part_1_of_6", TestName = "no version")]
    [TestCase("camunda_operate_1_8_7_part_1_of_6", TestName = "a version with underscores")]
    [TestCase("camunda_operate_12", TestName = "no parts")]
    [TestCase("camunda_operate_0123_8.7.0_part_1_of_6", TestName = "an id with a leading zero")]
    [TestCase("camunda_operate_123_8.7.0_part_02_of_6", TestName = "a part with a leading zero")]
    [TestCase("camunda_operate_123_8.7.0_part_2_of_06", TestName = "a count with a leading zero")]
    [TestCase("", TestName = "empty")]
    [TestCase(null, TestName = "null")]
    public void Leaves_names_it_did_not_write_alone(string? text)
    {
        Assert.That(SnapshotName.TryParse(text, out _), Is.False);
    }

    [Test]
    public void A_backups_pattern_never_matches_a_longer_id()
    {
        var id = BackupId.Create(12).Value;

        Assert.That(SnapshotName.PatternFor(Component.Operate, id), Is.EqualTo("camunda_operate_12_*"));
        Assert.That(SnapshotName.PatternFor(Component.Tasklist), Is.EqualTo("camunda_tasklist_*"));
    }

    [TestCase("8.7.0", true)]
    [TestCase("8.6.0-snapshot", true)]
    [TestCase("8.7.0+build.5", true)]
    [TestCase("8.7.0-SNAPSHOT", false)]
    [TestCase("8.7_0", false)]
    [TestCase("8.7.0,9", false)]
    [TestCase("8.7 0", false)]
    [TestCase("", false)]
    public void Only_versions_that_fit_a_snapshot_name_are_valid(string version, bool valid)
    {
        Assert.That(SnapshotName.IsValidVersion(version), Is.EqualTo(valid));
    }
}
