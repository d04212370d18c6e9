using Backup.Application.Abstractions;
using Backup.Domain;
using Moq;

namespace Backup.Application.Tests;

/// <summary>
/// The engine port as a Moq mock over an in-memory repository, so that tests can script what the engine says and
/// see what it was asked, in order.
/// </summary>
internal sealed class Port
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly List<string> _events = [];
    private readonly Dictionary<string, TaskCompletionSource> _awaited = new(StringComparer.Ordinal);

    public Port(TimeProvider time)
    {
        Time = time;
        Mock.Setup(p => p.GetIndicesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Result.Success<IReadOnlyList<string>>(Indices));
        Mock.Setup(p => p.GetSnapshotsAsync(It.IsAny<SnapshotSelection>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SnapshotSelection selection, bool _, CancellationToken _) => Result.Success(Matching(selection.Pattern)));
        Mock.Setup(p => p.GetRunningSnapshotsAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Result.Success(Where(s => s.State == SnapshotState.InProgress)));
        Mock.Setup(p => p.GetSnapshotAsync(It.IsAny<SnapshotName>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SnapshotName name, CancellationToken _) => Read(name));
        Mock.Setup(p => p.GetSnapshotProgressAsync(It.IsAny<SnapshotName>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SnapshotName name, CancellationToken _) => Progress(name));
        Mock.Setup(p => p.CreateSnapshotAsync(It.IsAny<SnapshotRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SnapshotRequest request, CancellationToken _) => Create(request));
        Mock.Setup(p => p.DeleteSnapshotsAsync(It.IsAny<IReadOnlyList<SnapshotName>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<SnapshotName> names, CancellationToken _) => Delete(names));
    }

    public Mock<ISnapshotRepository> Mock { get; } = new();

    public ISnapshotRepository Object => Mock.Object;

    public TimeProvider Time { get; }

    public IReadOnlyList<string> Indices { get; set; } = OperateIndices;

    /// <summary>What a running part reads as the next time it is read; null leaves it running.</summary>
    public Func<SnapshotName, string?> Finishes { get; set; } = _ => "SUCCESS";

    /// <summary>The share of a running part that its status reads as done; null when the engine gives no figures.</summary>
    public Func<SnapshotName, double?> Done { get; set; } = _ => null;

    /// <summary>Called on every create before it is carried out; an error result is answered instead.</summary>
    public Func<SnapshotRequest, Result<SnapshotCreation>?> OnCreate { get; set; } = _ => null;

    public List<SnapshotRequest> Created { get; } = [];

    /// <summary>"created N" and "finished N" in the order the engine saw them.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Completes when the engine has seen <paramref name="event"/> (e.g. "finished 6").</summary>
    public Task WhenEvent(string @event)
    {
        lock (_gate)
        {
            if (_events.Contains(@event))
            {
                return Task.CompletedTask;
            }

            if (!_awaited.TryGetValue(@event, out var signal))
            {
                _awaited[@event] = signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return signal.Task;
        }
    }

    public static IReadOnlyList<string> OperateIndices { get; } =
    [
        "operate-import-position-8.3.0_", "operate-list-view-8.3.0_", "operate-batch-operation-1.0.0_", "operate-decision-instance-8.3.0_",
        "operate-event-8.3.0_", "operate-flownode-instance-8.3.1_", "operate-incident-8.3.1_", "operate-job-8.6.0_", "operate-message-8.5.0_",
        "operate-operation-8.4.1_", "operate-post-importer-queue-8.3.0_", "operate-sequence-flow-8.3.0_", "operate-user-task-8.5.0_",
        "operate-variable-8.3.0_", "operate-decision-8.3.0_", "operate-decision-requirements-8.3.0_", "operate-metric-8.3.0_",
        "operate-migration-steps-repository-1.1.0_", "operate-process-8.3.0_", "operate-user-1.2.0_", "operate-web-session-1.1.0_",
    ];

    /// <summary>Matches a selection by the engine expression it stands for, so that tests say what the engine is asked.</summary>
    public static SnapshotSelection Selecting(string pattern) => Match.Create<SnapshotSelection>(s => s.Pattern == pattern);

    public static SnapshotName Name(long id, int part, string version = "8.7.0", Component component = Component.Operate) =>
        new(component, BackupId.Create(id).Value, version, part, 6);

    /// <summary>A snapshot the engine already has.</summary>
    public void Add(SnapshotName name, string state, DateTimeOffset? ended = null, DateTimeOffset? started = null)
    {
        lock (_gate)
        {
            var end = state == "IN_PROGRESS" ? (DateTimeOffset?)null : ended ?? Time.GetUtcNow();
            _snapshots[name.ToString()] = new Snapshot(name, state, started ?? (end ?? Time.GetUtcNow()).AddSeconds(-1), end, []);
        }
    }

    /// <summary>A snapshot that disappears, as if someone else deleted it.</summary>
    public void Remove(SnapshotName name)
    {
        lock (_gate)
        {
            _snapshots.Remove(name.ToString());
        }
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _snapshots.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The engine's multi-target syntax, as far as the service uses it: comma lists of names and trailing wildcards.</summary>
    private IReadOnlyList<Snapshot> Matching(string expression) =>
        Where(s => expression.Split(',').Any(pattern => pattern.EndsWith('*')
            ? s.Name.ToString().StartsWith(pattern[..^1], StringComparison.Ordinal)
            : s.Name.ToString() == pattern));

    private IReadOnlyList<Snapshot> Where(Func<Snapshot, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _snapshots.Values.Where(predicate)];
        }
    }

    private Result<Snapshot?> Read(SnapshotName name)
    {
        lock (_gate)
        {
            if (!_snapshots.TryGetValue(name.ToString(), out var snapshot))
            {
                return (Snapshot?)null;
            }

            if (snapshot.State == SnapshotState.InProgress && Finishes(name) is { } state)
            {
                snapshot = snapshot with { EngineState = state, EndTime = Time.GetUtcNow() };
                _snapshots[name.ToString()] = snapshot;
                Record($"finished {name.PartNumber}");
            }

            return snapshot;
        }
    }

    private Result<SnapshotProgress?> Progress(SnapshotName name)
    {
        var read = Read(name);
        return read.Value is { } snapshot ? new SnapshotProgress(snapshot.State == SnapshotState.InProgress, Done(name)) : (SnapshotProgress?)null;
    }

    private Result<SnapshotCreation> Create(SnapshotRequest request)
    {
        if (OnCreate(request) is { } answer)
        {
            return answer;
        }

        lock (_gate)
        {
            Created.Add(request);
            if (_snapshots.ContainsKey(request.Name.ToString()))
            {
                return SnapshotCreation.NameInUse;
            }

            _snapshots[request.Name.ToString()] = new Snapshot(request.Name, "IN_PROGRESS", Time.GetUtcNow(), null, []);
            Record($"created {request.Name.PartNumber}");
            return SnapshotCreation.Accepted;
        }
    }

    private void Record(string @event)
    {
        _events.Add(@event);
        if (_awaited.Remove(@event, out var signal))
        {
            signal.SetResult();
        }
    }

    private Result Delete(IReadOnlyList<SnapshotName> names)
    {
        lock (_gate)
        {
            foreach (var name in names)
            {
                _snapshots.Remove(name.ToString());
            }
        }

        return Result.Success();
    }
}
