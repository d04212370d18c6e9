using Backup.Domain;
using FluentValidation;

namespace Backup.Application.Backups;

internal static class BackupIdRules
{
    /// <summary>A backup id from a URL path must read as <see cref="BackupId"/> does, with its message.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeABackupId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => BackupId.Parse(text).IsSuccess).WithMessage((_, text) => BackupId.Parse(text).Error!.Message);
}
