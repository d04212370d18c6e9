using System.Globalization;

namespace Backup.Domain;

/// <summary>The non-negative integer that identifies a backup; every part's snapshot name carries it.</summary>
public readonly record struct BackupId
{
    private BackupId(long value) => Value = value;

    public long Value { get; }

    /// <summary>Zero is an id, as the 8.7 original accepted it.</summary>
    public static Result<BackupId> Create(long value) =>
        value >= 0 ? new BackupId(value) : Refused(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads an id as it arrives in a URL path segment: digits only.</summary>
    public static Result<BackupId> Parse(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Create(value)
            : Refused(text);

    /// <summary>An id from a request body, as the component's API takes it: 8.7 took 0, 8.8 refuses it.</summary>
    public static Result<BackupId> Create(long value, ComponentProfile profile) =>
        value >= profile.MinimumBackupId ? new BackupId(value) : Refused(value.ToString(CultureInfo.InvariantCulture), profile.Component);

    /// <summary>An id from a URL path, as the component's API takes it; refused in its words with the text as received.</summary>
    public static Result<BackupId> Parse(string? text, ComponentProfile profile) =>
        Parse(text) is { IsSuccess: true } id && id.Value.Value >= profile.MinimumBackupId ? id : Refused(text, profile.Component);

    /// <summary>
    /// The refusal in the original's words, which differ by component: Operate's (and 8.8's) says Integer, Tasklist's Long.
    /// </summary>
    public static Error Refused(string? received, Component? component = null) => Error.Invalid(
        $"BackupId must be a non-negative {(component is Component.Operate or Component.Webapps ? "Integer" : "Long")}. Received value: {received}. "
        + "A backup id is a whole number from 0 to 9223372036854775807, e.g. {\"backupId\": 123}.");

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
