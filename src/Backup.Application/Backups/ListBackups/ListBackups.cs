using System.Text.RegularExpressions;
using Backup.Application.Abstractions;
using Backup.Domain;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Backup.Application.Backups.ListBackups;

/// <summary>
/// Every backup of the component, newest first. <paramref name="Verbose"/> "false" asks the engine for names and
/// states only; <paramref name="Pattern"/> narrows to ids, as digits with an optional trailing <c>*</c>.
/// </summary>
public sealed record ListBackupsQuery(string? Verbose, string? Pattern) : IQuery<Result<IReadOnlyList<BackupReport>>>
{
    public bool IsVerbose => Verbose is null || bool.Parse(Verbose);
}

public sealed partial class ListBackupsValidator : AbstractValidator<ListBackupsQuery>
{
    public ListBackupsValidator()
    {
        RuleFor(q => q.Verbose)
            .Must(v => v is null || bool.TryParse(v, out _))
            .WithMessage((_, v) => $"Invalid verbose: {v}. Use verbose=true or verbose=false.");
        RuleFor(q => q.Pattern)
            .Must(p => p is null || IdPattern().IsMatch(p))
            .WithMessage((_, p) => $"Invalid pattern: {p}. A pattern is a backup id, or its first digits followed by *, at most 20 characters.");
    }

    [GeneratedRegex(@"^[0-9]{1,19}\*?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

public sealed class ListBackupsHandler(ISnapshotRepository repository, SharedListings listings, IOptions<BackupOptions> options, TimeProvider time)
    : IQueryHandler<ListBackupsQuery, Result<IReadOnlyList<BackupReport>>>
{
    public async ValueTask<Result<IReadOnlyList<BackupReport>>> Handle(ListBackupsQuery query, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.RepositoryNotConfigured is { } notConfigured)
        {
            return notConfigured;
        }

        var snapshots = await listings.GetSnapshotsAsync(repository, EnginePattern(settings.Component, query.Pattern), query.IsVerbose, cancellationToken);
        if (!snapshots.IsSuccess)
        {
            return snapshots.Error;
        }

        var matching = snapshots.Value.Where(s => Matches(query.Pattern, s.Name.BackupId));
        return Result.Success(BackupCatalog.Group(matching, settings.Component, time.GetUtcNow(), settings.IncompleteCheckTimeout));
    }

    private static string EnginePattern(Component component, string? pattern) => pattern switch
    {
        null => SnapshotName.PatternFor(component),
        _ when pattern.EndsWith('*') => $"camunda_{component.Name()}_{pattern}",
        _ => $"camunda_{component.Name()}_{pattern}_*",
    };

    private static bool Matches(string? pattern, BackupId id) => pattern switch
    {
        null => true,
        _ when pattern.EndsWith('*') => id.ToString().StartsWith(pattern[..^1], StringComparison.Ordinal),
        _ => id.ToString() == pattern,
    };
}
