using System.Text.RegularExpressions;

namespace Backup.EngineEmulator.Tests;

/// <summary><c>_cat/snapshots</c> held to cat.snapshots/10_basic.yml, for every flavour.</summary>
[TestFixtureSource(typeof(Flavours), nameof(Flavours.All))]
public sealed partial class CatSnapshotsTests(EngineFlavor flavor)
{
    // cat.snapshots/10_basic.yml, "Help": one line per column, in this order, each with its description.
    [Test]
    public async Task Help_lists_the_columns_in_order()
    {
        await using var engine = await Engine.StartAsync(flavor);

        var (_, text) = await engine.SendTextAsync(HttpMethod.Get, "_cat/snapshots?help");

        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]), Is.EqualTo(new[]
        {
            "id", "repository", "status", "start_epoch", "start_time", "end_epoch", "end_time", "duration", "indices",
            "successful_shards", "failed_shards", "total_shards", "reason",
        }));
        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.All.Matches(@"^\S+\s+\|.*\|\s+\S"));
    }

    // cat.snapshots/10_basic.yml, "Test cat snapshots output": empty for an empty repository, then one line per
    // snapshot in start order with its counts.
    [Test]
    public async Task Text_rows_carry_state_times_and_counts_per_snapshot()
    {
        await using var engine = await Engine.StartAsync(flavor);
        var (_, empty) = await engine.SendTextAsync(HttpMethod.Get, $"_cat/snapshots/{Engine.Repository}");
        await engine.CreateSnapshotAsync("snap1", wait: true);
        await engine.CreateSnapshotAsync("snap2", wait: true);

        var (_, text) = await engine.SendTextAsync(HttpMethod.Get, $"_cat/snapshots/{Engine.Repository}");

        Assert.That(empty, Is.Empty);
        Assert.That(text, Does.Match(RowsPattern()));
    }

    [Test]
    public async Task V_h_s_and_format_json_work_as_for_every_cat_api()
    {
        await using var engine = await Engine.StartAsync(flavor);
        await engine.CreateSnapshotAsync("snap1", wait: true);
        await engine.CreateSnapshotAsync("snap2", wait: true);

        var (_, text) = await engine.SendTextAsync(HttpMethod.Get, "_cat/snapshots?v&h=id,status&s=id:desc");
        var (_, json) = await engine.GetAsync($"_cat/snapshots/{Engine.Repository}?format=json&h=id,indices");
        var (missing, _) = await engine.GetAsync("_cat/snapshots/nowhere");

        Assert.That(text, Is.EqualTo("id    status \nsnap2 SUCCESS\nsnap1 SUCCESS\n"));
        Assert.That(json!.ToJsonString(), Is.EqualTo("""[{"id":"snap1","indices":"2"},{"id":"snap2","indices":"2"}]"""));
        Assert.That(missing, Is.EqualTo(404));
    }

    [GeneratedRegex(@"\Asnap1\s+my_repository\s+SUCCESS\s+\d+\s+\d\d:\d\d:\d\d\s+\d+\s+\d\d:\d\d:\d\d\s+\S+\s+2\s+2\s+0\s+2\s*\n"
        + @"snap2\s+my_repository\s+SUCCESS\s+\d+\s+\d\d:\d\d:\d\d\s+\d+\s+\d\d:\d\d:\d\d\s+\S+\s+2\s+2\s+0\s+2\s*\n\z")]
    private static partial Regex RowsPattern();
}
