using Spectre.Console.Testing;

namespace Backup.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Json, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- json\n{Json}\n--- error\n{Error}";
}

/// <summary>Runs the real tool in-process, as a user would from a shell without a terminal (a script, CI).</summary>
internal static class Tool
{
    public static Task<ToolRun> RunAsync(params string[] args) => RunAsync(interactive: false, args);

    /// <param name="interactive">As in a terminal: live progress instead of lines.</param>
    public static Task<ToolRun> RunAsync(bool interactive, params string[] args) => RunAsync(interactive, 400, args);

    /// <param name="interactive">As in a terminal: live progress instead of lines.</param>
    /// <param name="width">The terminal's width in columns.</param>
    public static async Task<ToolRun> RunAsync(bool interactive, int width, params string[] args)
    {
        var ui = new TestConsole().Width(width);
        if (interactive)
        {
            ui.Interactive();
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await BackupTool.RunAsync(args, new ToolConsole(ui, output, error));
        return new ToolRun(exitCode, ui.Output, output.ToString(), error.ToString());
    }

    /// <summary>A loopback port nobody listens on.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
