using Backup.Application.Abstractions;
using Backup.Domain;
using Backup.Domain.Platform;

namespace Backup.Application.Platform;

/// <summary>A platform backup's report: its record, and what each of its components and the engine say now.</summary>
public sealed class PlatformReports(IComponentBackups components, IPlatformRecords records)
{
    /// <summary>Every platform backup's report, the highest id first.</summary>
    public async Task<Result<IReadOnlyList<PlatformReport>>> ListAsync(CancellationToken cancellationToken)
    {
        var runs = await records.ListRunsAsync(cancellationToken);
        if (!runs.IsSuccess)
        {
            return runs.Error;
        }

        var list = new List<PlatformReport>(runs.Value.Count);
        foreach (var run in runs.Value)
        {
            var report = await ReadAsync(run, cancellationToken);
            if (!report.IsSuccess)
            {
                return report.Error;
            }

            list.Add(report.Value);
        }

        return list;
    }

    public async Task<Result<PlatformReport>> ReadAsync(PlatformRun run, CancellationToken cancellationToken)
    {
        var asked = run.Components.Select(c => components.GetBackupAsync(c, run.Id, cancellationToken)).ToList();
        var snapshot = records.GetRecordsSnapshotStateAsync(run.Id, cancellationToken);
        var answers = await Task.WhenAll(asked);
        var recordsState = await snapshot;
        if (answers.FirstOrDefault(a => !a.IsSuccess) is { Error: { } error })
        {
            return error;
        }

        if (!recordsState.IsSuccess)
        {
            return recordsState.Error;
        }

        return PlatformReport.Compute(run, [.. answers.Select(a => a.Value)], recordsState.Value);
    }
}
