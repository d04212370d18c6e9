using System.Diagnostics;

namespace Backup.EndToEnd.Tests;

/// <summary>
/// Started from another folder, the service still reads the appsettings.json beside it: without it, framework request
/// logging came on and wrote request paths (with encoded line breaks) to the log.
/// </summary>
public sealed class StartedElsewhereTests
{
    [Test]
    public async Task The_service_reads_its_configuration_from_its_own_folder_whatever_the_current_directory()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Backup.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Management__Server__Address"] = "127.0.0.1";
        start.Environment["Management__Server__Port"] = "0";
        start.Environment["Database__Url"] = "http://127.0.0.1:1";
        var contentRoot = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Trim() is { } text && text.StartsWith("Content root path: ", StringComparison.Ordinal))
            {
                contentRoot.TrySetResult(text["Content root path: ".Length..]);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var root = await contentRoot.Task.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.That(Path.GetFullPath(root), Is.EqualTo(Path.GetFullPath(AppContext.BaseDirectory)));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
