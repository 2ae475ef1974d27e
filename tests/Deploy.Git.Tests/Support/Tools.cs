using System.Diagnostics;

namespace Deploy.Git.Tests.Support;

/// <summary>
/// The programs the fixtures need. A missing one fails the test with what to install (test.sh installs them;
/// so does `apt-get install git openssh-server openssh-client`).
/// </summary>
public static class Tools
{
    public static string Require(string program, string package)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Concat(["/usr/sbin", "/sbin"]))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var ci = Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: test.sh should have installed it)" : "";
        throw new InvalidOperationException($"'{program}' is not installed{ci}. Install the Debian package {package} (apt-get install -y {package}) to run this test.");
    }

    /// <summary>Runs a program to completion within a deadline and returns its standard output; fails with its output otherwise.</summary>
    public static string Run(string program, string workingDirectory, params string[] arguments) =>
        Run(program, workingDirectory, null, arguments);

    public static string Run(string program, string workingDirectory, IDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }

        return output.Result.Trim();
    }
}
