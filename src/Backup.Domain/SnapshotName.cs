using System.Globalization;
using System.Text.RegularExpressions;

namespace Backup.Domain;

/// <summary>
/// The name of one part's snapshot: <c>camunda_&lt;component&gt;_&lt;backupId&gt;_&lt;version&gt;_part_&lt;n&gt;_of_&lt;count&gt;</c>.
/// </summary>
public readonly partial record struct SnapshotName(Component Component, BackupId BackupId, string Version, int PartNumber, int PartCount)
{
    private const string Prefix = "camunda_";

    /// <summary>The engine pattern for every snapshot of one component's backups.</summary>
    public static string PatternFor(Component component) => $"{Prefix}{component.Name()}_*";

    /// <summary>The engine pattern for every part of one backup (the trailing <c>_</c> keeps 12 from matching 120).</summary>
    public static string PatternFor(Component component, BackupId id) => $"{Prefix}{component.Name()}_{id}_*";

    /// <summary>
    /// Reads a snapshot name back; false for anything this service did not name (SLM snapshots, hand-made ones, a
    /// non-numeric id, a part outside 1..count, numbers with leading zeros): a name is read only when writing it back
    /// gives the very same name, so that a delete can never aim at a neighbour.
    /// </summary>
    public static bool TryParse(string? text, out SnapshotName name)
    {
        name = default;
        if (text is null)
        {
            return false;
        }

        var match = NamePattern().Match(text);
        if (!match.Success
            || !long.TryParse(match.Groups["id"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !int.TryParse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var part)
            || !int.TryParse(match.Groups["count"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || part < 1 || part > count)
        {
            return false;
        }

        var backupId = BackupId.Create(id);
        if (!backupId.IsSuccess)
        {
            return false;
        }

        var component = match.Groups["component"].ValueSpan.SequenceEqual("operate") ? Component.Operate : Component.Tasklist;
        name = new SnapshotName(component, backupId.Value, match.Groups["version"].Value, part, count);
        return true;
    }

    /// <summary>
    /// Whether a Camunda version can be written into a snapshot name: lower case (the engine's rule),
    /// no <c>_</c> (it separates the name's fields) and none of the characters the engine forbids.
    /// </summary>
    public static bool IsValidVersion(string? version) => version is not null && VersionPattern().IsMatch(version);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Component.Name()}_{BackupId}_{Version}_part_{PartNumber}_of_{PartCount}");

    [GeneratedRegex(@"^camunda_(?<component>operate|tasklist)_(?<id>[1-9][0-9]{0,18})_(?<version>[^_]+)_part_(?<n>[1-9][0-9]{0,8})_of_(?<count>[1-9][0-9]{0,8})$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9.+-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
