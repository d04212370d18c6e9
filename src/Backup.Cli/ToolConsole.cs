using Spectre.Console;

namespace Backup.Cli;

/// <summary>
/// Where the tool writes: <paramref name="Ui"/> for people (tables, progress), <paramref name="Out"/> for
/// <c>--json</c> (raw text, never wrapped or styled), <paramref name="Error"/> for what went wrong.
/// </summary>
public sealed record ToolConsole(IAnsiConsole Ui, TextWriter Out, TextWriter Error)
{
    public static ToolConsole System() => new(
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }),
        Console.Out,
        Console.Error);

    public bool IsInteractive => Ui.Profile.Capabilities.Interactive;

    public void Fail(string message) => Error.WriteLine($"backup: {message}");
}
