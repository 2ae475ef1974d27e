using Deploy.Build.Reports;
using Serilog;

namespace Deploy.Build.Cli;

/// <summary>run.html, after every run and from a saved record (<c>--report</c>).</summary>
internal static partial class BuildRunner
{
    /// <summary>run.html from run.json alone, like <c>--report</c> does later; a page that cannot be drawn never fails the run.</summary>
    internal static void WriteRunPage(byte[] record, string temporary, ILogger logger)
    {
        try
        {
            RunReportFile.Write(record, temporary);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            logger.Warning("Could not write {Page}: {Message}", RunPage.FileName, exception.Message);
        }
    }

    /// <summary>
    /// <c>--report FILE</c>: draws a saved run.json as run.html in the root's .nuke/temp (beside the file when there is
    /// no root), and runs nothing. A file that is missing or not a run record: one message, exit 2.
    /// </summary>
    private static async Task<int> RenderReportAsync(string file, string? root, BuildHost host)
    {
        var path = Path.GetFullPath(file, host.CurrentDirectory);
        if (!File.Exists(path))
        {
            await host.Error.WriteLineAsync($"error: --report '{file}': no such file ({path}). Pass the path of a run.json a run wrote (.nuke/temp/run.json).").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync($"error: --report '{file}': cannot read it ({exception.Message}). Pass the path of a run.json a run wrote (.nuke/temp/run.json).").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var directory = root is null ? Path.GetDirectoryName(path)! : Path.Combine(root, ".nuke", "temp");
        try
        {
            Directory.CreateDirectory(directory);
            var written = RunReportFile.Write(content, directory);
            await host.Out.WriteLineAsync($"Wrote {written}").ConfigureAwait(false);
            return ExitCodes.Succeeded;
        }
        catch (FormatException exception)
        {
            await host.Error.WriteLineAsync($"error: --report '{file}' is not a run record: {exception.Message}.").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync($"error: --report: cannot write {RunPage.FileName} in '{directory}' ({exception.Message}).").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
    }
}
