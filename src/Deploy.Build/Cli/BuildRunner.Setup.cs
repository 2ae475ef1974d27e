using Deploy.Build.Parameters;
using Deploy.Build.Records;
using Serilog;

namespace Deploy.Build.Cli;

/// <summary>What every path but <c>--help</c> needs first: the root, the parameter files, the log file.</summary>
internal static partial class BuildRunner
{
    /// <summary><c>container-name = web (from .nuke/parameters.json)</c>, one line per parameter given a value, before the first target.</summary>
    private static void LogProvenance(ILogger logger, IReadOnlyList<ResolvedParameter> given)
    {
        foreach (var parameter in given)
        {
            logger.Information("{Parameter} = {Value} (from {Source})", parameter.Parameter.CliName, parameter.Shown, parameter.Source);
        }
    }

    private static string? FindRoot(string? given, BuildHost host, List<string> problems)
    {
        if (given is not null)
        {
            var full = Path.GetFullPath(given, host.CurrentDirectory);
            if (Directory.Exists(Path.Combine(full, ".nuke")))
            {
                return full;
            }

            problems.Add($"--root '{given}' has no .nuke directory. Point --root at the directory holding .nuke/ (or create it there).");
            return null;
        }

        foreach (var start in new[] { host.CurrentDirectory, host.ApplicationDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                {
                    return directory.FullName;
                }
            }
        }

        problems.Add($"No .nuke directory in '{host.CurrentDirectory}' or above it, so there is no build root. Run from inside the repository, pass --root DIR, or create .nuke/ at the root.");
        return null;
    }

    /// <summary>The profile's file first (it wins), then the shared one.</summary>
    internal static List<ParameterFile> LoadParameterFiles(string root, string? profile, List<string> problems)
    {
        var files = new List<ParameterFile>();
        if (profile is not null)
        {
            var shown = $".nuke/parameters.{profile}.json";
            if (ParameterFile.Load(Path.Combine(root, ".nuke", $"parameters.{profile}.json"), shown, problems) is { } file)
            {
                files.Add(file);
            }
            else if (!File.Exists(Path.Combine(root, ".nuke", $"parameters.{profile}.json")))
            {
                problems.Add($"--profile {profile}: {shown} does not exist. Create it, or drop --profile.");
            }
        }

        if (ParameterFile.Load(Path.Combine(root, ".nuke", "parameters.json"), ".nuke/parameters.json", problems) is { } shared)
        {
            files.Add(shared);
        }

        return files;
    }

    /// <summary>"ApiKey" (a requirement's text) → "--api-key (or environment variable DEPLOY_API_KEY)".</summary>
    private static Func<string, string?> DescribeParameter(IReadOnlyList<ParameterDescriptor> parameters) => text =>
        parameters.FirstOrDefault(p => p.MemberName == text.Trim())?.HowToSet;

    internal static StreamWriter OpenLogFile(string temporary)
    {
        RunHistory.Rotate(temporary);
        return new(new FileStream(Path.Combine(temporary, RunHistory.LogFileName), FileMode.Create, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }
}
