namespace Backup.Domain.Platform;

/// <summary>What one step of a platform backup does.</summary>
public enum PlatformStepKind
{
    StartBackup,
    AwaitBackup,
    PauseExporting,
    TakeRecordsSnapshot,
    AwaitRecordsSnapshot,
    ResumeExporting,
}

/// <summary>One step of a platform backup, on one component (exporting and the records snapshot are Zeebe's).</summary>
public readonly record struct PlatformStep(PlatformStepKind Kind, PlatformComponent Component)
{
    /// <summary>The step's name in logs, records and answers, e.g. <c>start-backup optimize</c>.</summary>
    public string Name => Kind switch
    {
        PlatformStepKind.StartBackup => $"start-backup {Component.Name()}",
        PlatformStepKind.AwaitBackup => $"await-backup {Component.Name()}",
        PlatformStepKind.PauseExporting => "soft-pause-exporting",
        PlatformStepKind.TakeRecordsSnapshot => "records-snapshot",
        PlatformStepKind.AwaitRecordsSnapshot => "await-records-snapshot",
        PlatformStepKind.ResumeExporting => "resume-exporting",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    public override string ToString() => Name;
}

/// <summary>
/// The documented order of a platform backup (../shared/spec/platform-backup.md §6). 8.6/8.7: every web application's
/// backup started and COMPLETED, then soft pause, the records snapshot, the Zeebe backup, resume. 8.8: soft pause
/// first, then the webapps and Optimize backups, the records snapshot, the Zeebe backup, resume.
/// </summary>
public static class PlatformPlan
{
    public static IReadOnlyList<PlatformStep> Steps(PlatformLine line, IReadOnlyCollection<PlatformComponent> deployed)
    {
        var webapps = deployed.Where(c => c != PlatformComponent.Zeebe).Order().ToList();
        if (line == PlatformLine.V88)
        {
            // The docs' 8.8 order: backupHistory, then Optimize.
            webapps = [.. webapps.OrderBy(c => c == PlatformComponent.Optimize)];
        }
        else
        {
            // The docs' 8.7 order starts with Optimize, then Operate and Tasklist.
            webapps = [.. webapps.OrderBy(c => c != PlatformComponent.Optimize)];
        }

        var pause = new PlatformStep(PlatformStepKind.PauseExporting, PlatformComponent.Zeebe);
        var steps = new List<PlatformStep>();
        if (line == PlatformLine.V88)
        {
            steps.Add(pause);
        }

        steps.AddRange(webapps.Select(c => new PlatformStep(PlatformStepKind.StartBackup, c)));
        steps.AddRange(webapps.Select(c => new PlatformStep(PlatformStepKind.AwaitBackup, c)));
        if (line == PlatformLine.V87)
        {
            steps.Add(pause);
        }

        steps.Add(new PlatformStep(PlatformStepKind.TakeRecordsSnapshot, PlatformComponent.Zeebe));
        steps.Add(new PlatformStep(PlatformStepKind.AwaitRecordsSnapshot, PlatformComponent.Zeebe));
        steps.Add(new PlatformStep(PlatformStepKind.StartBackup, PlatformComponent.Zeebe));
        steps.Add(new PlatformStep(PlatformStepKind.AwaitBackup, PlatformComponent.Zeebe));
        steps.Add(new PlatformStep(PlatformStepKind.ResumeExporting, PlatformComponent.Zeebe));
        return steps;
    }
}
