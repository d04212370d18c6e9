using Backup.Domain;
using Microsoft.Extensions.Options;

namespace Backup.Application;

/// <summary>The rules of the <c>Backup</c> section, checked when the options are first read (and on start).</summary>
public sealed class BackupOptionsValidation : IValidateOptions<BackupOptions>
{
    public ValidateOptionsResult Validate(string? name, BackupOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Each problem names the setting and says what it should be.</summary>
    public static IEnumerable<string> Problems(BackupOptions backup)
    {
        if (!SnapshotName.IsValidVersion(backup.EffectiveVersion))
        {
            yield return $"Backup:Version '{backup.EffectiveVersion}' cannot be written into a snapshot name: use lower-case letters, digits, '.', '-' or '+' (e.g. 8.7.2)";
        }

        if (backup.IndexPrefixProblem is { } prefixProblem)
        {
            yield return prefixProblem;
        }

        if (backup.RepositoryNameProblem is { } repositoryProblem)
        {
            yield return repositoryProblem;
        }

        if (backup.IncompleteCheckTimeout <= TimeSpan.Zero)
        {
            yield return "Backup:IncompleteCheckTimeout must be positive (e.g. 00:05:00)";
        }

        if (backup.RequestTimeout <= TimeSpan.Zero)
        {
            yield return "Backup:RequestTimeout must be positive (e.g. 00:00:20)";
        }

        if (backup.MaxPollInterval <= TimeSpan.Zero)
        {
            yield return "Backup:MaxPollInterval must be positive (e.g. 00:00:05)";
        }

        foreach (var problem in backup.Schedule.Problems().Concat(backup.Retention.Problems()))
        {
            yield return problem;
        }
    }
}
