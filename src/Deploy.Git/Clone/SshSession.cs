using System.Diagnostics;
using System.Text;
using Deploy.Git.LibGit2;

namespace Deploy.Git.Clone;

/// <summary>
/// How this clone talks ssh. libgit2 (as LibGit2Sharp 0.32 ships it) runs the system's <c>ssh</c>: the command in
/// GIT_SSH_COMMAND (through a shell), else the program in GIT_SSH, else the program in <c>core.sshCommand</c>
/// of the repository being fetched into. Setting GIT_SSH_COMMAND here would change the whole process, and so
/// every other target and clone running beside this one; instead this writes a small script for this clone
/// only (key, known_hosts, batch mode, stderr captured for error messages), sets it as the workspace's
/// <c>core.sshCommand</c> for the duration, and removes both afterwards. A GIT_SSH_COMMAND or GIT_SSH the user
/// set in the environment wins, as it does for git itself.
/// </summary>
internal sealed class SshSession : IDisposable
{
    private static readonly string[] SshVariables = ["GIT_SSH_COMMAND", "GIT_SSH"];
    private readonly GitRepository? _repository;
    private readonly string? _directory;

    private SshSession(GitRepository? repository, string? directory)
    {
        _repository = repository;
        _directory = directory;
    }

    /// <summary>What ssh wrote to stderr so far (scrubbed by the caller), or empty.</summary>
    public string Errors => _directory is not null && File.Exists(ErrorFile) ? File.ReadAllText(ErrorFile).Trim() : "";

    private string ErrorFile => Path.Combine(_directory!, "stderr");

    private string PidFile => Path.Combine(_directory!, "pid");

    /// <summary>Prepares ssh for <paramref name="repository"/> when the request needs it; a no-op session otherwise.</summary>
    public static SshSession Start(CloneRequest request, GitRepository repository, Serilog.ILogger log)
    {
        if (request.Repository.Transport != GitTransport.Ssh)
        {
            return new SshSession(null, null);
        }

        // The build's environment, which in a real run is the process's: libgit2 reads the process's own.
        var fromEnvironment = SshVariables.FirstOrDefault(v => !string.IsNullOrEmpty(request.Environment.GetValueOrDefault(v)));
        if (fromEnvironment is not null)
        {
            if ((request.SshKey ?? request.SshKnownHosts) is not null)
            {
                throw new GitException(
                    $"{fromEnvironment} is set in the environment, and libgit2 runs it instead of anything --ssh-key or --ssh-known-hosts could set up. " +
                    $"Unset {fromEnvironment}, or put the key into it (ssh -i KEY -o IdentitiesOnly=yes) and drop --ssh-key and --ssh-known-hosts.");
            }

            log.Debug("ssh: using {Variable} from the environment", fromEnvironment);
            return new SshSession(null, null);
        }

        if (OperatingSystem.IsWindows())
        {
            // A .cmd wrapper could do the same; until someone needs it, ssh runs as libgit2 finds it.
            if (request.SshKey is not null)
            {
                throw new GitException("--ssh-key is not supported on Windows yet. Set GIT_SSH_COMMAND=\"ssh -i KEY -o IdentitiesOnly=yes\" instead.");
            }

            return new SshSession(null, null);
        }

        var directory = Directory.CreateTempSubdirectory("deploy-ssh-").FullName;
        var session = new SshSession(repository, directory);
        var script = Path.Combine(directory, "ssh");
        File.WriteAllText(script, session.Script(request), new UTF8Encoding(false));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        repository.SetSshCommand(script);
        return session;
    }

    /// <summary>Ends the ssh process of an operation being cancelled, so libgit2 returns at once.</summary>
    public void Kill()
    {
        if (_directory is null || !File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid))
        {
            return;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Forgets the errors of a failed attempt before the next one.</summary>
    public void ClearErrors()
    {
        if (_directory is not null && File.Exists(ErrorFile))
        {
            File.Delete(ErrorFile);
        }
    }

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        try
        {
            _repository?.SetSshCommand(null);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string Script(CloneRequest request)
    {
        // BatchMode: never prompt (there is no one to answer). LogLevel=ERROR keeps "Permanently added …" out of
        // stderr, which is read for error messages.
        var options = new List<string> { "-o", "BatchMode=yes", "-o", "LogLevel=ERROR" };
        if (request.SshKnownHosts is { } knownHosts)
        {
            options.AddRange(["-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes"]);
        }
        else
        {
            options.AddRange(["-o", "StrictHostKeyChecking=accept-new"]);
        }

        if (request.SshKey is { } key)
        {
            options.AddRange(["-i", key, "-o", "IdentitiesOnly=yes"]);
        }

        return $"""
            #!/bin/sh
            # Written by Deploy for one clone; removed when it ends.
            echo $$ > {Quote(PidFile)}
            exec ssh {string.Join(' ', options.Select(Quote))} "$@" 2>>{Quote(ErrorFile)}

            """;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
