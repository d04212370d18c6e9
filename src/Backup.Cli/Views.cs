using System.Text.Encodings.Web;
using System.Text.Json;
using Backup.Domain;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Backup.Cli;

/// <summary>How backups look to a person (tables) and to a script (<c>--json</c>, the service's own fields).</summary>
internal static class Views
{
    /// <summary>Indented, and '+' in times written as itself (not \\u002B), as the service writes it.</summary>
    private static readonly JsonSerializerOptions JsonOutput = new(ToolJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Json<T>(ToolConsole console, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        console.Out.WriteLine(JsonSerializer.Serialize(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)JsonOutput.GetTypeInfo(type.Type)));

    public static IRenderable Backup(BackupView backup)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Backup {backup.BackupId}: {StateMarkup(backup.State)}")
            .AddColumn("Part").AddColumn("Snapshot").AddColumn("State").AddColumn("Started").AddColumn("Failures");
        foreach (var part in backup.Details)
        {
            var number = SnapshotName.TryParse(part.SnapshotName, out var name) ? $"{name.PartNumber}/{name.PartCount}" : "?";
            table.AddRow(
                new Text(number),
                new Text(part.SnapshotName),
                new Markup(PartStateMarkup(part.State)),
                new Text(part.StartTime ?? "-"),
                new Text(part.Failures is { Count: > 0 } failures ? string.Join("; ", failures) : "-"));
        }

        if (backup.FailureReason is { Length: > 0 } reason)
        {
            table.Caption(Markup.Escape(reason));
        }

        return table;
    }

    public static IRenderable List(IReadOnlyList<BackupView> backups)
    {
        // A webapps service lists its 8.7 predecessors' backups too: then each row says whose it is.
        var namesComponents = backups.Any(b => b.Component is not null);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Backup");
        if (namesComponents)
        {
            table.AddColumn("Component");
        }

        table.AddColumn("State").AddColumn("Parts done").AddColumn("Started").AddColumn("Failure reason");
        foreach (var backup in backups)
        {
            IEnumerable<IRenderable> component = namesComponents ? [new Text(backup.Component ?? "-")] : [];
            table.AddRow(
            [
                new Text(backup.BackupId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. component,
                new Markup(StateMarkup(backup.State)),
                new Text($"{backup.PartsDone}/{backup.PartCount}"),
                new Text(backup.Details.Select(d => d.StartTime).FirstOrDefault(t => t is not null) ?? "-"),
                new Text(backup.FailureReason ?? "-"),
            ]);
        }

        return table;
    }

    /// <summary>One line of progress: parts done and running, and the time spent waiting.</summary>
    public static string Progress(BackupView backup, TimeSpan elapsed) =>
        $"[{elapsed:hh\\:mm\\:ss}] backup {backup.BackupId}: {backup.State}, {backup.PartsDone}/{backup.PartCount} parts done"
        + (backup.PartsRunning > 0 ? $", {backup.PartsRunning} running" : "");

    public static string StateMarkup(string state) => state switch
    {
        "COMPLETED" => "[green]COMPLETED[/]",
        "IN_PROGRESS" => "[blue]IN_PROGRESS[/]",
        _ => $"[red]{Markup.Escape(state)}[/]",
    };

    private static string PartStateMarkup(string? state) => SnapshotStates.Parse(state) switch
    {
        SnapshotState.Success => "[green]SUCCESS[/]",
        SnapshotState.InProgress => $"[blue]{Markup.Escape(state!)}[/]",
        _ => Markup.Escape(state ?? "-"),
    };
}
