using Backup.Domain;
using FluentValidation;

namespace Backup.Application.Backups;

internal static class BackupIdRules
{
    /// <summary>A backup id from a URL path must read as <see cref="BackupId"/> does; refused in the component's words.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeABackupId<T>(this IRuleBuilder<T, string?> rule, Component component) =>
        rule.Must(text => BackupId.Parse(text).IsSuccess).WithMessage((_, text) => BackupId.Refused(text, component).Message);
}
