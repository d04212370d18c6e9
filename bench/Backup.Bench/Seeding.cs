using Backup.Domain;
using Backup.EngineEmulator;

namespace Backup.Bench;

/// <summary>An emulated engine holding <c>count</c> completed Operate backups of six parts each, as the service takes them.</summary>
internal static class Seeding
{
    public const string Repository = "camunda_backup";

    public static readonly DateTimeOffset FirstBackup = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<EngineEmulator.EngineEmulator> EngineWithBackupsAsync(EngineFlavor flavor, int count)
    {
        var engine = await EngineEmulator.EngineEmulator.StartAsync(flavor);
        engine.CreateRepository(Repository);
        IReadOnlyList<string> indices = [.. CamundaIndices.Operate(), .. CamundaIndices.DatedCopies("operate", "operate", "2024-01-15")];
        engine.CreateIndices([.. indices]);

        // Every backup has the same parts: plan once, and let the snapshots share the index lists, as names do in the engine.
        var parts = BackupPlan.Create(IdOf(0), ComponentProfile.Operate, "operate", "8.7.0", indices).Value.Parts;
        for (var i = 0; i < count; i++)
        {
            var id = IdOf(i);
            var start = FirstBackup.AddHours(i);
            foreach (var part in parts)
            {
                var name = new SnapshotName(Component.Operate, id, "8.7.0", part.Number, parts.Count);
                engine.AddSnapshot(Repository, name.ToString(), part.Indices, SnapshotOutcome.Success, start.AddSeconds(2 * part.Number));
            }
        }

        return engine;
    }

    /// <summary>The snapshots of <paramref name="count"/> completed backups of six parts, as the engine reports them.</summary>
    public static IEnumerable<Snapshot> CompletedSnapshots(int count) =>
        Enumerable.Range(0, count).SelectMany(i => Enumerable.Range(1, 6).Select(part => new Snapshot(
            new SnapshotName(Component.Operate, IdOf(i), "8.7.0", part, 6),
            "SUCCESS",
            FirstBackup.AddHours(i).AddSeconds(2 * part),
            FirstBackup.AddHours(i).AddSeconds((2 * part) + 1),
            [])));

    /// <summary>A client that asks the engine straight, as the bench's side of every comparison.</summary>
    public static HttpClient Client(EngineEmulator.EngineEmulator engine) => new() { BaseAddress = engine.Url, Timeout = TimeSpan.FromMinutes(5) };

    public static bool IsOpenSearch(EngineFlavor flavor) => flavor is EngineFlavor.OpenSearch1 or EngineFlavor.OpenSearch2 or EngineFlavor.OpenSearch3;

    /// <summary>Ids as the docs recommend, unix seconds: one backup an hour.</summary>
    public static BackupId IdOf(int index) => BackupId.Create(FirstBackup.AddHours(index).ToUnixTimeSeconds()).Value;
}
