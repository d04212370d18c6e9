using Backup.EngineEmulator;

namespace Backup.EndToEnd.Tests.WebConsole;

/// <summary>Operate backups put straight into the emulator's repository, as if taken earlier, fast enough for thousands.</summary>
internal static class SeededBackups
{
    private static readonly IReadOnlyList<string> Indices = CamundaIndices.Operate();

    /// <summary>One part per outcome, each a second after the last, of a backup of six parts.</summary>
    public static void Add(EngineEmulator.EngineEmulator emulator, long id, DateTimeOffset start, params SnapshotOutcome[] parts)
    {
        for (var part = 1; part <= parts.Length; part++)
        {
            emulator.AddSnapshot("camunda_backup", Name(id, part), [Indices[part - 1]], parts[part - 1], start.AddSeconds(part));
        }
    }

    public static void AddCompleted(EngineEmulator.EngineEmulator emulator, long id, DateTimeOffset start) =>
        Add(emulator, id, start, [.. Enumerable.Repeat(SnapshotOutcome.Success, 6)]);

    public static string Name(long id, int part) => $"camunda_operate_{id}_8.7.0_part_{part}_of_6";

    public static IReadOnlyCollection<string> Of(EngineEmulator.EngineEmulator emulator, long id) =>
        [.. emulator.SnapshotNames("camunda_backup").Where(n => n.StartsWith($"camunda_operate_{id}_", StringComparison.Ordinal))];
}
