namespace Backup.Domain.Tests;

/// <summary>
/// Random names in a shared repository (seeded, so a failure can be replayed): reading them never throws, what this
/// service writes reads back to itself, and grouping never takes in a name it did not write.
/// </summary>
public sealed class FuzzTests
{
    private const int Names = 20_000;
    private static readonly string[] Pieces =
    [
        "camunda", "operate", "tasklist", "optimize", "part", "of", "_", "__", "-", ".", "*", ",", "0", "1", "12", "120", "-1",
        "99999999999999999999", "8.7.0", "8.6.0-snapshot", "abc", "daily-snap", "2024.01.01", "", " ", "é", "\u0000",
    ];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Random_names_never_break_parsing_and_only_well_formed_ones_are_read(int seed)
    {
        var random = new Random(seed);
        var read = 0;
        var wellFormed = 0;
        for (var i = 0; i < Names; i++)
        {
            // One name in three is exactly what this service writes, and must be read: a TryParse that refuses
            // everything would otherwise pass.
            var written = random.Next(3) == 0 ? RandomName(random).ToString() : null;
            var text = written ?? (random.Next(2) == 0
                ? string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => Pieces[random.Next(Pieces.Length)]))
                : Mutate(random, "camunda_operate_123_8.7.0_part_2_of_6"));
            wellFormed += written is null ? 0 : 1;

            if (SnapshotName.TryParse(text, out var name))
            {
                read++;
                Assert.That(name.ToString(), Is.EqualTo(text), "a name is read only when it is exactly what this service writes");
                Assert.That(name.BackupId.Value, Is.Positive);
                Assert.That(name.PartNumber, Is.InRange(1, name.PartCount));
            }
            else
            {
                Assert.That(written, Is.Null, $"a name this service writes was not read: {written}");
            }
        }

        TestContext.Out.WriteLine($"seed {seed}: {read} of {Names} random names were read, {wellFormed} of them written as this service does");
        Assert.That(read, Is.GreaterThanOrEqualTo(wellFormed).And.Positive);
    }

    /// <summary>One to three random edits of a well-formed name: a piece inserted, a character dropped or replaced.</summary>
    private static string Mutate(Random random, string text)
    {
        for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
        {
            var at = random.Next(text.Length);
            text = random.Next(3) switch
            {
                0 => text.Insert(at, Pieces[random.Next(Pieces.Length)]),
                1 => text.Remove(at, 1),
                _ => text.Remove(at, 1).Insert(at, ((char)random.Next(32, 127)).ToString()),
            };
        }

        return text;
    }

    private static SnapshotName RandomName(Random random)
    {
        var count = random.Next(1, 50);
        return new SnapshotName(
            random.Next(2) == 0 ? Component.Operate : Component.Tasklist,
            BackupId.Create(random.NextInt64(1, long.MaxValue)).Value,
            $"{random.Next(100)}.{random.Next(100)}.{random.Next(100)}",
            random.Next(1, count + 1),
            count);
    }

    [TestCase(7)]
    [TestCase(8)]
    public void Written_names_always_read_back(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Names; i++)
        {
            var name = RandomName(random);

            Assert.That(SnapshotName.TryParse(name.ToString(), out var back) && back == name, Is.True, name.ToString());
        }
    }

    [Test]
    public void Grouping_a_repository_full_of_foreign_snapshots_keeps_only_the_components_own()
    {
        var random = new Random(11);
        var snapshots = new List<Snapshot>();
        for (var i = 0; i < Names; i++)
        {
            var component = random.Next(3) == 0 ? Component.Tasklist : Component.Operate;
            var name = new SnapshotName(component, BackupId.Create(random.Next(1, 500)).Value, random.Next(2) == 0 ? "8.7.0" : "8.6.1", random.Next(1, 7), 6);
            snapshots.Add(new Snapshot(name, random.Next(5) == 0 ? "FAILED" : "SUCCESS", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, []));
        }

        var backups = BackupCatalog.Group(snapshots, Component.Operate, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5));

        Assert.That(backups.SelectMany(b => b.Parts), Has.All.Matches<Snapshot>(s => s.Name.Component == Component.Operate));
        Assert.That(backups.Select(b => b.Id.Value), Is.Ordered.Descending.And.Unique);
        Assert.That(backups.Sum(b => b.Parts.Count), Is.EqualTo(snapshots.Count(s => s.Name.Component == Component.Operate)));
        Assert.That(backups, Has.All.Matches<BackupReport>(b => b.Parts.All(p => p.Name.BackupId == b.Id)), "a backup holds only its own id's parts");
    }
}
