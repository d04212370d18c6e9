using Spectre.Console;

namespace Backup.Cli;

/// <summary>
/// Where the tool writes: <paramref name="Ui"/> for people (tables, progress), <paramref name="Out"/> for
/// <c>--json</c> (raw text, never wrapped or styled), <paramref name="Error"/> for what went wrong.
/// </summary>
public sealed record ToolConsole(IAnsiConsole Ui, TextWriter Out, TextWriter Error)
{
    public static ToolConsole System()
    {
        var ui = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // A log or a pipe has no width: 80 columns would wrap every snapshot name in the tables.
            ui.Profile.Width = 200;
        }

        return new ToolConsole(ui, Console.Out, Console.Error);
    }

    public bool IsInteractive => Ui.Profile.Capabilities.Interactive;

    public void Fail(string message) => Error.WriteLine($"backup: {message}");
}
