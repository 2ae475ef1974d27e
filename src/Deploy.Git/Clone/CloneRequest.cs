using Deploy.Build;

namespace Deploy.Git.Clone;

/// <summary>The validated inputs of one clone (or of one submodule's clone).</summary>
internal sealed record CloneRequest(
    RepositoryAddress Repository,
    string? Ref,
    int Depth,
    bool Submodules,
    string Workspace,
    string? Token,
    string? SshKey,
    string? SshKnownHosts,
    int Retries,
    TimeSpan RetryDelay,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// Reads and checks the parameters of <paramref name="build"/>. Every problem is reported at once, each
    /// naming its parameter; warnings (a token for an ssh URL…) go to the log.
    /// </summary>
    public static CloneRequest From(IClone build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var problems = new List<string>();
        var request = Read(build, problems);
        if (problems.Count > 0)
        {
            throw new GitException(problems.Count == 1
                ? problems[0]
                : $"Clone cannot start ({problems.Count} problems):\n" + string.Join('\n', problems.Select(p => "  " + p)));
        }

        request!.WarnAboutUnusedOptions(build.Log);
        return request;
    }

    /// <summary>The request from the parameters, adding what is wrong with them to <paramref name="problems"/> (<see cref="CloneChecks"/>); null when something is.</summary>
    internal static CloneRequest? Read(IClone build, List<string> problems)
    {
        var before = problems.Count;
        var root = build.RootDirectory;

        // Clone runs only when --repository is given (without it the build builds its checkout: IGitSource.BuildsCheckout).
        var repository = RepositoryAddress.TryParse(build.Repository ?? "", root, "--repository", out var problem);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        var reference = build.Ref is { Length: > 0 } r ? r.Trim() : null;
        if (reference is not null && !LibGit2.GitRepository.IsValidRefName(reference))
        {
            problems.Add($"--ref '{reference}' is not a valid branch, tag or commit name. Pass a branch (main), a tag (v1.2.0) or a commit SHA.");
        }

        var depth = build.Depth;
        if (depth < 0)
        {
            problems.Add($"--depth {depth} is negative. Pass 0 for the full history, or the number of commits to fetch (1 = the commit only).");
        }

        var sshKey = ExistingFile(build.SshKey, "--ssh-key", "a private key file", root, problems);
        var knownHosts = ExistingFile(build.SshKnownHosts, "--ssh-known-hosts", "a known_hosts file", root, problems);

        if (build.GitRetries < 0)
        {
            problems.Add($"--git-retries {build.GitRetries} is negative. Pass 0 to never retry, or how many times to retry.");
        }

        if (build.GitRetryDelay < TimeSpan.Zero)
        {
            problems.Add($"--git-retry-delay {build.GitRetryDelay} is negative. Pass a delay such as 00:00:01.");
        }

        string? workspace = null;
        if (repository is not null)
        {
            workspace = build.Workspace is { Length: > 0 } w
                ? Path.GetFullPath(w, root)
                : Path.Combine(build.TemporaryDirectory, "workspace", repository.Name);
            if (Contains(workspace, root))
            {
                problems.Add($"--workspace '{workspace}' is the build's root or a directory above it; updating it would overwrite the build's own files. Pass a directory of its own.");
            }
        }

        return problems.Count > before
            ? null
            : new CloneRequest(repository!, reference, depth, build.Submodules, workspace!, build.GitToken is { Length: > 0 } t ? t : null, sshKey, knownHosts, build.GitRetries, build.GitRetryDelay, build.EnvironmentVariables);
    }

    /// <summary>The request for a submodule: same credentials and policies, another repository and directory.</summary>
    public CloneRequest ForSubmodule(RepositoryAddress repository, string commit, string workspace) =>
        this with { Repository = repository, Ref = commit, Workspace = workspace };

    private void WarnAboutUnusedOptions(Serilog.ILogger log)
    {
        if (Token is not null && Repository.Transport != GitTransport.Http)
        {
            log.Warning("--git-token is only used for http(s) repositories; {Repository} is not one, so it is ignored", Repository.Display);
        }

        if ((SshKey ?? SshKnownHosts) is not null && Repository.Transport != GitTransport.Ssh && !Submodules)
        {
            log.Warning("--ssh-key and --ssh-known-hosts are only used for ssh repositories; {Repository} is not one, so they are ignored", Repository.Display);
        }
    }

    private static string? ExistingFile(string? given, string parameter, string what, string root, List<string> problems)
    {
        if (given is not { Length: > 0 })
        {
            return null;
        }

        var full = Path.GetFullPath(given, root);
        if (!File.Exists(full))
        {
            problems.Add($"{parameter} '{given}' does not exist{(full == given ? "" : $" (looked for '{full}')")}. Pass the path of {what}.");
            return null;
        }

        return full;
    }

    private static bool Contains(string directory, string path)
    {
        var parent = Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar;
        var child = Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar;
        return child.StartsWith(parent, StringComparison.Ordinal);
    }
}
