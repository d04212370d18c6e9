using System.Text.Json.Nodes;

namespace Backup.EngineEmulator;

/// <summary>One snapshot in an emulated repository.</summary>
internal sealed class EmulatedSnapshot
{
    public required string Name { get; init; }

    public required string Repository { get; init; }

    public string Uuid { get; } = Ids.New();

    public required IReadOnlyList<string> Indices { get; init; }

    public bool IncludeGlobalState { get; init; } = true;

    public JsonObject? Metadata { get; init; }

    /// <summary>Index name → its aliases when the snapshot was taken, for <c>include_aliases</c> on restore.</summary>
    public IReadOnlyDictionary<string, string[]> Aliases { get; init; } = new Dictionary<string, string[]>();

    public required DateTimeOffset Start { get; init; }

    public DateTimeOffset? End { get; set; }

    public SnapshotOutcome State { get; set; } = SnapshotOutcome.InProgress;

    public bool ForcedComplete { get; set; }

    public bool IsRunning => State == SnapshotOutcome.InProgress;
}

/// <summary>The emulated cluster: indices, repositories and their snapshots. Every access holds <see cref="Gate"/>.</summary>
internal sealed class EngineState(TimeProvider time)
{
    public Lock Gate { get; } = new();

    public TimeProvider Time => time;

    /// <summary>Index name → its uuid.</summary>
    public SortedDictionary<string, string> Indices { get; } = new(StringComparer.Ordinal);

    /// <summary>Repository name → (snapshot name → snapshot), snapshots in creation order.</summary>
    public Dictionary<string, Dictionary<string, EmulatedSnapshot>> Repositories { get; } = new(StringComparer.Ordinal);

    /// <summary>Index uuid → its aliases and state; keyed by uuid so a deleted and re-created index starts afresh.</summary>
    public Dictionary<string, IndexTraits> Traits { get; } = new(StringComparer.Ordinal);

    /// <summary>Composable index template name → its body as put.</summary>
    public SortedDictionary<string, JsonObject> IndexTemplates { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SnapshotOutcome> Outcomes { get; } = new(StringComparer.Ordinal);

    /// <summary>Index uuid → (document id → document).</summary>
    public Dictionary<string, SortedDictionary<string, StoredDocument>> Documents { get; } = new(StringComparer.Ordinal);

    public long LastSeqNo { get; set; } = -1;

    public TimeSpan SnapshotDuration { get; set; }

    private DateTimeOffset _lastStart = DateTimeOffset.MinValue;

    /// <summary>
    /// When set, start times come from a clock that moves in steps this long, as Elasticsearch's cached clock (up to
    /// 200 ms), so that snapshots started close together tie.
    /// </summary>
    public TimeSpan StartClockStep { get; set; }

    /// <summary>
    /// Snapshots start one after another, at least a millisecond apart, as the engine's master applies them one
    /// cluster-state update at a time; with a <see cref="StartClockStep"/>, they may tie.
    /// </summary>
    public DateTimeOffset NextStart()
    {
        var now = time.GetUtcNow();
        if (StartClockStep > TimeSpan.Zero)
        {
            var step = new DateTimeOffset(now.Ticks - (now.Ticks % StartClockStep.Ticks), now.Offset);
            _lastStart = step > _lastStart ? step : _lastStart;
            return _lastStart;
        }

        _lastStart = now > _lastStart.AddMilliseconds(1) ? now : _lastStart.AddMilliseconds(1);
        return _lastStart;
    }

    public bool HoldSnapshots { get; set; }

    /// <summary>Ends a running snapshot once its time has come; called before every read.</summary>
    public void Advance(EmulatedSnapshot snapshot)
    {
        if (!snapshot.IsRunning)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (snapshot.ForcedComplete)
        {
            Finish(snapshot, SnapshotOutcome.Success, now);
            return;
        }

        var outcome = Outcomes.GetValueOrDefault(snapshot.Name, SnapshotOutcome.Success);
        // A start set a millisecond ahead (see NextStart) must not hold a zero-duration snapshot back.
        var due = SnapshotDuration <= TimeSpan.Zero || now - snapshot.Start >= SnapshotDuration;
        if (!HoldSnapshots && due && outcome != SnapshotOutcome.InProgress)
        {
            // A snapshot that takes its time ended when its time was up, not when somebody next looked.
            Finish(snapshot, outcome, SnapshotDuration > TimeSpan.Zero ? snapshot.Start + SnapshotDuration : now);
        }
    }

    /// <summary>
    /// How much of a running snapshot is done: in step with its time when snapshots take <see cref="SnapshotDuration"/>,
    /// else the share in the engine's own example (658 of 5412 bytes).
    /// </summary>
    public double Progress(EmulatedSnapshot snapshot) => SnapshotDuration > TimeSpan.Zero
        ? Math.Clamp((time.GetUtcNow() - snapshot.Start) / SnapshotDuration, 0, 1)
        : 658d / 5412;

    public IEnumerable<EmulatedSnapshot> AllSnapshots() => Repositories.Values.SelectMany(r => r.Values);

    public int RunningCount()
    {
        var running = 0;
        foreach (var snapshot in AllSnapshots())
        {
            Advance(snapshot);
            running += snapshot.IsRunning ? 1 : 0;
        }

        return running;
    }

    private static void Finish(EmulatedSnapshot snapshot, SnapshotOutcome outcome, DateTimeOffset now)
    {
        snapshot.State = outcome;
        snapshot.End = now > snapshot.Start ? now : snapshot.Start.AddMilliseconds(1);
    }
}

internal static class Ids
{
    /// <summary>A 22-character id in the engines' url-safe base64 style.</summary>
    public static string New() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
