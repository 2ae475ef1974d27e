namespace Deploy.Git.Tests.Support;

/// <summary>
/// The programs the fixtures need. A missing one fails the test with what to install (test.sh installs them;
/// so does `apt-get install git openssh-server openssh-client`).
/// </summary>
public static class Tools
{
    public static string Require(string program, string package)
    {
        if (TestEnvironment.FindProgram(program, "/usr/sbin/" + program, "/sbin/" + program) is { } found)
        {
            return found;
        }

        var ci = TestEnvironment.IsCi ? " (CI=true: test.sh should have installed it)" : "";
        throw new InvalidOperationException($"'{program}' is not installed{ci}. Install the Debian package {package} (apt-get install -y {package}) to run this test.");
    }

    /// <summary>Runs a program to completion within a deadline and returns its standard output; fails with its output otherwise.</summary>
    public static string Run(string program, string workingDirectory, params string[] arguments) =>
        Run(program, workingDirectory, null, arguments);

    /// <summary>
    /// The synchronous form, for the fixtures' constructors and properties; off the test's synchronization context, so
    /// blocking on it cannot deadlock.
    /// </summary>
    public static string Run(string program, string workingDirectory, IDictionary<string, string>? environment, params string[] arguments)
    {
        var changes = environment?.ToDictionary(e => e.Key, string? (e) => e.Value);
        return Task.Run(() => TestProcess.RunToSuccessAsync(program, arguments, workingDirectory, changes)).GetAwaiter().GetResult();
    }
}
