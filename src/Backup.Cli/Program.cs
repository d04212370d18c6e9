namespace Backup.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => BackupTool.RunAsync(args, ToolConsole.System(), handleTermination: true);
}
