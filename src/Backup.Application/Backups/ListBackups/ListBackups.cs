using System.Text.RegularExpressions;
using Backup.Application.Abstractions;
using Backup.Domain;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.ListBackups;

/// <summary>
/// Every backup of the component, the most recently started first. <paramref name="Verbose"/> "false" asks the engine
/// for names and states only; <paramref name="Pattern"/> narrows to ids, as digits with an optional trailing <c>*</c>.
/// </summary>
public sealed record ListBackupsQuery(string? Verbose, string? Pattern) : IQuery<Result<IReadOnlyList<BackupReport>>>, INeedsRepository
{
    public bool IsVerbose => string.IsNullOrEmpty(Verbose) || bool.Parse(Verbose);

    /// <summary>The pattern, or null for every backup: an empty pattern means every backup, as in the original.</summary>
    public string? IdPattern => string.IsNullOrEmpty(Pattern) ? null : Pattern;
}

public sealed partial class ListBackupsValidator : AbstractValidator<ListBackupsQuery>
{
    public ListBackupsValidator()
    {
        RuleFor(q => q.Verbose)
            .Must(v => string.IsNullOrEmpty(v) || bool.TryParse(v, out _))
            .WithMessage((_, v) => $"Invalid verbose: {v}. Use verbose=true or verbose=false.");
        RuleFor(q => q.IdPattern)
            .Must(p => p is null || (p.Length <= MaxPatternLength && IdPattern().IsMatch(p)))
            .WithMessage((_, p) => $"Invalid pattern: {p}. A pattern is a backup id, or its first digits followed by *, at most {MaxPatternLength} characters.");
    }

    /// <summary>The original's limit: the 19 digits of a 64-bit id and a <c>*</c>.</summary>
    private const int MaxPatternLength = 20;

    /// <summary>The original's rule (<c>^(\d*)\*?$</c>), anchored with <c>\z</c> so that a trailing newline is refused too.</summary>
    [GeneratedRegex(@"^[0-9]*\*?\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

public sealed class ListBackupsHandler(ISnapshotRepository repository, SharedListings listings, IOptions<BackupOptions> options, TimeProvider time)
    : IQueryHandler<ListBackupsQuery, Result<IReadOnlyList<BackupReport>>>
{
    /// <summary>Keeps one re-read's URL well under the engines' 4 KB request-line limit.</summary>
    private const int BackupsPerRead = 50;

    public async ValueTask<Result<IReadOnlyList<BackupReport>>> Handle(ListBackupsQuery query, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var components = settings.Profile.ListedComponents;
        var selection = SnapshotSelection.IdsMatching(components, query.IdPattern);
        var snapshots = await listings.GetSnapshotsAsync(repository, selection, query.IsVerbose, cancellationToken);
        if (!snapshots.IsSuccess)
        {
            return snapshots.Error;
        }

        var matching = snapshots.Value.Where(s => selection.Includes(s.Name));
        var now = time.GetUtcNow();
        var backups = new List<BackupReport>();
        foreach (var component in components)
        {
            var grouped = BackupCatalog.Group(matching, component, now, settings.IncompleteCheckTimeout);
            if (!query.IsVerbose)
            {
                var decided = await DecideIncompleteAsync(grouped, component, settings, cancellationToken);
                if (!decided.IsSuccess)
                {
                    return decided.Error;
                }

                grouped = decided.Value;
            }

            backups.AddRange(grouped);
        }

        // The sort is stable: for one id in several components, the component's own backup comes before the older ones'.
        return Result.Success(BackupCatalog.MostRecentlyStartedFirst(backups));
    }

    /// <summary>
    /// A names-only listing has no times, and a backup between two parts looks INCOMPLETE without them: such backups'
    /// own parts are read in full (a few dozen backups per engine call), so that both listings agree on every state.
    /// </summary>
    private async Task<Result<IReadOnlyList<BackupReport>>> DecideIncompleteAsync(
        IReadOnlyList<BackupReport> backups, Component component, BackupOptions settings, CancellationToken cancellationToken)
    {
        var undecided = backups.Where(b => b.State == BackupState.Incomplete).Select(b => b.Id).ToList();
        if (undecided.Count == 0)
        {
            return Result.Success(backups);
        }

        var decided = await ReadInFullAsync(undecided, component, settings, cancellationToken);
        return decided.IsSuccess
            ? Result.Success<IReadOnlyList<BackupReport>>([.. backups.Select(b => decided.Value.GetValueOrDefault(b.Id, b))])
            : decided.Error;
    }

    /// <summary>These backups of one component as their parts' full records show them, a few dozen backups per engine call.</summary>
    internal async Task<Result<Dictionary<BackupId, BackupReport>>> ReadInFullAsync(
        IEnumerable<BackupId> backups, Component component, BackupOptions settings, CancellationToken cancellationToken)
    {
        var read = new Dictionary<BackupId, BackupReport>();
        foreach (var ids in backups.Chunk(BackupsPerRead))
        {
            var parts = await repository.GetSnapshotsAsync(SnapshotSelection.Backups(component, ids), verbose: true, cancellationToken);
            if (!parts.IsSuccess)
            {
                return parts.Error;
            }

            foreach (var backup in BackupCatalog.Group(parts.Value, component, time.GetUtcNow(), settings.IncompleteCheckTimeout))
            {
                read[backup.Id] = backup;
            }
        }

        return read;
    }
}
