using Backup.Application.Abstractions;
using Backup.Domain;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.ListBackups;

/// <summary>
/// One page of the backups whose ids match <paramref name="Pattern"/> (as in <see cref="ListBackupsQuery"/>) and, when
/// given, in <paramref name="State"/>, the highest id first: the web console's list.
/// </summary>
public sealed record ListBackupPageQuery(string? Pattern, BackupState? State, int Offset, int Limit)
    : IQuery<Result<BackupPage>>, INeedsRepository;

/// <summary>
/// A page of backups, read in full, with what filters need: how many backups match, the count of each state among
/// those the pattern matches (before the state filter), and whether any of them is still being taken.
/// </summary>
public sealed record BackupPage(int Matched, IReadOnlyDictionary<BackupState, int> States, bool AnyInProgress, IReadOnlyList<BackupReport> Backups);

public sealed class ListBackupPageValidator : AbstractValidator<ListBackupPageQuery>
{
    public ListBackupPageValidator()
    {
        RuleFor(q => new ListBackupsQuery(null, q.Pattern)).SetValidator(new ListBackupsValidator());
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).GreaterThan(0);
    }
}

/// <summary>
/// Which backups there are, their order and their states come from the names-only listing, which is cheap on both
/// engines (on Elasticsearch one read of the repository's index, where a full listing reads every snapshot's record);
/// only the page's backups are then read in full. The order is by id, not by start time as in the full listing: a
/// names-only listing has no times. Ids are unix seconds by Camunda's convention, so both orders agree in practice.
/// </summary>
public sealed class ListBackupPageHandler(ListBackupsHandler listing, IOptions<BackupOptions> options)
    : IQueryHandler<ListBackupPageQuery, Result<BackupPage>>
{
    public async ValueTask<Result<BackupPage>> Handle(ListBackupPageQuery query, CancellationToken cancellationToken)
    {
        var listed = await listing.Handle(new ListBackupsQuery(bool.FalseString, query.Pattern), cancellationToken);
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        var all = listed.Value.OrderByDescending(b => b.Id.Value).ToList();
        var matching = query.State is { } wanted ? all.FindAll(b => b.State == wanted) : all;
        var page = matching.Skip(query.Offset).Take(query.Limit).ToList();
        var inFull = new Dictionary<(Component, BackupId), BackupReport>();
        foreach (var component in page.GroupBy(b => b.Component))
        {
            var read = await listing.ReadInFullAsync(component.Select(b => b.Id), component.Key, options.Value, cancellationToken);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            foreach (var (id, backup) in read.Value)
            {
                inFull[(component.Key, id)] = backup;
            }
        }

        // A backup deleted between the two reads keeps its row as the names showed it: the page and its counts agree.
        return new BackupPage(
            matching.Count,
            all.CountBy(b => b.State).ToDictionary(),
            all.Exists(b => b.State == BackupState.InProgress),
            [.. page.Select(b => inFull.GetValueOrDefault((b.Component, b.Id), b))]);
    }
}
