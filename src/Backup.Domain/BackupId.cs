using System.Globalization;

namespace Backup.Domain;

/// <summary>The positive integer that identifies a backup; every part's snapshot name carries it.</summary>
public readonly record struct BackupId
{
    private BackupId(long value) => Value = value;

    public long Value { get; }

    public static Result<BackupId> Create(long value) =>
        value > 0
            ? new BackupId(value)
            : Error.Invalid($"BackupId must be a positive integer. Received value: {value}");

    /// <summary>Reads an id as it arrives in a URL path segment.</summary>
    public static Result<BackupId> Parse(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Create(value)
            : Error.Invalid($"BackupId must be a positive integer. Received value: {text}");

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
