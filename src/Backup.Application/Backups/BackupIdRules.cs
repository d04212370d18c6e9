using System.Globalization;
using Backup.Domain;
using FluentValidation;

namespace Backup.Application.Backups;

internal static class BackupIdRules
{
    /// <summary>A backup id from a URL path must read as <see cref="BackupId"/> does and be one the component takes.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeABackupId<T>(this IRuleBuilder<T, string?> rule, ComponentProfile profile) =>
        rule.Must(text => BackupId.Parse(text) is { IsSuccess: true } id && id.Value.Value >= profile.MinimumBackupId)
            .WithMessage((_, text) => BackupId.Refused(text, profile.Component).Message);

    /// <summary>A backup id from a request body: 8.7 takes 0, 8.8 refuses it; refused in the component's words.</summary>
    public static IRuleBuilderOptions<T, long?> MustBeABackupId<T>(this IRuleBuilder<T, long?> rule, ComponentProfile profile) =>
        rule.Must(id => id >= profile.MinimumBackupId && BackupId.Create(id!.Value).IsSuccess)
            .WithMessage((_, id) => BackupId.Refused(id!.Value.ToString(CultureInfo.InvariantCulture), profile.Component).Message);
}
