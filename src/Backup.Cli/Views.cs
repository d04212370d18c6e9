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

    /// <summary>
    /// The parts, one row each, narrow enough for an 80-column terminal: a snapshot name is never broken, and the
    /// reasons (which name snapshots too) follow the table as text that wraps between words.
    /// </summary>
    public static IRenderable Backup(BackupView backup)
    {
        var started = backup.Details.Select(d => d.StartTime).FirstOrDefault(t => t is not null);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Backup {backup.BackupId}: {StateMarkup(backup.State)}{(started is null ? "" : $", started {Markup.Escape(DateOf(started))}")}")
            .AddColumn(new TableColumn("Snapshot").NoWrap())
            .AddColumn("State")
            .AddColumn("Started");
        foreach (var part in backup.Details)
        {
            table.AddRow(new Text(part.SnapshotName), new Markup(PartStateMarkup(part.State)), new Text(part.StartTime is { } time ? TimeOf(time) : "-"));
        }

        var notes = backup.Details
            .Where(p => p.Failures is { Count: > 0 })
            .Select(p => $"{p.SnapshotName}: {string.Join("; ", p.Failures!)}")
            .Prepend(backup.FailureReason)
            .OfType<string>()
            .Where(n => n.Length > 0);
        return new Rows([table, .. notes.Select(n => new Text(n))]);
    }

    /// <summary>One row per backup, narrow enough for an 80-column terminal; failure reasons follow the table.</summary>
    public static IRenderable List(IReadOnlyList<BackupView> backups)
    {
        // A webapps service lists its 8.7 predecessors' backups too: then each row says whose it is.
        var namesComponents = backups.Any(b => b.Component is not null);
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("Backup").NoWrap());
        if (namesComponents)
        {
            table.AddColumn("Component");
        }

        table.AddColumn("State").AddColumn("Parts").AddColumn(new TableColumn("Started (UTC)").NoWrap());
        foreach (var backup in backups)
        {
            IEnumerable<IRenderable> component = namesComponents ? [new Text(backup.Component ?? "-")] : [];
            var started = backup.Details.Select(d => d.StartTime).FirstOrDefault(t => t is not null);
            table.AddRow(
            [
                new Text(backup.BackupId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. component,
                new Markup(StateMarkup(backup.State)),
                new Text($"{backup.PartsDone}/{backup.PartCount}"),
                new Text(started is null ? "-" : $"{DateOf(started)} {TimeOf(started)}"),
            ]);
        }

        var reasons = backups.Where(b => b.FailureReason is { Length: > 0 }).Select(b => new Text($"{b.BackupId}: {b.FailureReason}"));
        return new Rows([table, .. reasons]);
    }

    // The service writes times as 2026-11-25T08:29:30.441+0000 (UTC): the date, and the time to the second.
    private static string DateOf(string time) => time.Length >= 10 ? time[..10] : time;

    private static string TimeOf(string time) => time.Length >= 19 ? time[11..19] : time;

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
