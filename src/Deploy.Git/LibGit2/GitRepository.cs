using LibGit2Sharp;

namespace Deploy.Git.LibGit2;

/// <summary>
/// The one place LibGit2Sharp is used: a repository on disk and the few operations a clone needs, in our own
/// types. Every method is synchronous (libgit2 is); callers run them on a worker thread.
/// </summary>
internal sealed class GitRepository : IDisposable
{
    private const string Origin = "origin";
    private readonly Repository _repository;

    private GitRepository(Repository repository) => _repository = repository;

    public string WorkingDirectory => Path.TrimEndingDirectorySeparator(_repository.Info.WorkingDirectory);

    public bool IsShallow => _repository.Info.IsShallow;

    /// <summary>The commit HEAD points at, or null in a repository without commits.</summary>
    public string? HeadCommit => _repository.Head.Tip?.Sha;

    public string? OriginUrl => _repository.Network.Remotes[Origin]?.Url;

    /// <summary>The full name of the branch HEAD is on (<c>refs/heads/main</c>), or null when HEAD is detached.</summary>
    public string? HeadRef => _repository.Info.IsHeadDetached ? null : _repository.Head.CanonicalName;

    /// <summary>The name of a tag pointing at <paramref name="sha"/> (annotated ones peeled), the first by name; null when none does.</summary>
    public string? TagAt(string sha) =>
        _repository.Tags.Where(t => t.PeeledTarget?.Sha == sha).Select(t => t.FriendlyName).Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The working tree holding <paramref name="path"/>, or null when it is in no repository.</summary>
    public static string? FindWorkingDirectory(string path)
    {
        var found = Repository.Discover(path);
        if (found is null)
        {
            return null;
        }

        using var repository = new Repository(found);
        return Path.TrimEndingDirectorySeparator(repository.Info.WorkingDirectory ?? repository.Info.Path);
    }

    /// <summary>True for a branch, tag, full ref name or commit SHA that git would accept.</summary>
    public static bool IsValidRefName(string name) =>
        name.StartsWith("refs/", StringComparison.Ordinal) ? Reference.IsValidName(name) : Reference.IsValidName("refs/heads/" + name);

    public static bool IsRepository(string directory) => Repository.IsValid(directory);

    public static GitRepository Open(string directory) => new(new Repository(directory));

    /// <summary>Creates an empty repository with <c>origin</c> pointing at <paramref name="url"/>.</summary>
    public static GitRepository Create(string directory, string url)
    {
        Repository.Init(directory);
        var repository = new GitRepository(new Repository(directory));
        repository._repository.Network.Remotes.Add(Origin, url);
        return repository;
    }

    /// <summary>Points <c>origin</c> at <paramref name="url"/> (same repository, other spelling or user).</summary>
    public void SetOriginUrl(string url)
    {
        if (OriginUrl != url)
        {
            _repository.Network.Remotes.Update(Origin, r => r.Url = url);
        }
    }

    /// <summary>
    /// Sets or removes <c>core.sshCommand</c>, which libgit2's ssh transport runs as a program (no shell) when
    /// neither GIT_SSH_COMMAND nor GIT_SSH is set in the environment.
    /// </summary>
    public void SetSshCommand(string? program)
    {
        if (program is null)
        {
            _repository.Config.Unset("core.sshCommand", ConfigurationLevel.Local);
        }
        else
        {
            _repository.Config.Set("core.sshCommand", program, ConfigurationLevel.Local);
        }
    }

    /// <summary>The refs <c>origin</c> advertises (<c>git ls-remote</c>).</summary>
    public RemoteRefs ListRemoteRefs(TransferCallbacks callbacks)
    {
        var remote = _repository.Network.Remotes[Origin];
        var listed = _repository.Network.ListReferences(remote, CredentialsFor(callbacks)).ToList();
        var peeled = listed.OfType<DirectReference>()
            .Where(r => r.CanonicalName.EndsWith("^{}", StringComparison.Ordinal))
            .ToDictionary(r => r.CanonicalName[..^3], r => r.TargetIdentifier, StringComparer.Ordinal);
        var refs = listed.OfType<DirectReference>()
            .Where(r => r.CanonicalName.StartsWith("refs/", StringComparison.Ordinal) && !r.CanonicalName.EndsWith("^{}", StringComparison.Ordinal))
            .Select(r => new RemoteRef(r.CanonicalName, r.TargetIdentifier, peeled.GetValueOrDefault(r.CanonicalName)))
            .ToList();
        var head = listed.FirstOrDefault(r => r.CanonicalName == "HEAD");
        return new RemoteRefs(refs, (head as SymbolicReference)?.TargetIdentifier, head switch
        {
            SymbolicReference symbolic => refs.FirstOrDefault(r => r.Name == symbolic.TargetIdentifier)?.Sha,
            DirectReference direct => direct.TargetIdentifier,
            _ => null,
        });
    }

    /// <summary>Fetches <paramref name="refspecs"/> from <c>origin</c>; a depth of 0 fetches all history.</summary>
    public void Fetch(IReadOnlyList<string> refspecs, int depth, TransferCallbacks callbacks)
    {
        var options = new FetchOptions
        {
            TagFetchMode = TagFetchMode.None,
            Prune = false,
            CredentialsProvider = CredentialsFor(callbacks),
            OnTransferProgress = p => callbacks.Transfer(new TransferStatus(p.ReceivedObjects, p.IndexedObjects, p.TotalObjects, p.ReceivedBytes)),
            OnProgress = callbacks.ServerMessage.Invoke,
        };
        if (depth == 0)
        {
            Commands.Fetch(_repository, Origin, refspecs, options, "deploy: fetch");
        }
        else
        {
            DepthFetch.Fetch(_repository, Origin, refspecs, options, depth, "deploy: fetch");
        }
    }

    /// <summary>The full SHA of the commit a ref name, SHA or unique SHA prefix names here, or null.</summary>
    public string? FindCommit(string revision)
    {
        try
        {
            return _repository.Lookup(revision)?.Peel<Commit>()?.Sha;
        }
        catch (AmbiguousSpecificationException)
        {
            throw new GitException($"The commit prefix '{revision}' matches more than one commit. Pass more characters of the SHA.");
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    public string Shorten(string sha) => _repository.ObjectDatabase.ShortenObjectId(_repository.Lookup<Commit>(sha), 7);

    public string Subject(string sha) => _repository.Lookup<Commit>(sha).MessageShort;

    public DateTimeOffset CommitTime(string sha) => _repository.Lookup<Commit>(sha).Committer.When;

    /// <summary>Tracked files changed in the working tree or index, and untracked files (not ignored ones).</summary>
    public IReadOnlyList<string> LocalChanges()
    {
        var status = _repository.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = false, IncludeIgnored = false, ExcludeSubmodules = true });
        return status.Where(e => e.State != FileStatus.Unaltered && e.State != FileStatus.Ignored).Select(e => e.FilePath).ToList();
    }

    /// <summary>
    /// Makes the working tree, index and a detached HEAD exactly <paramref name="sha"/>: modified tracked files
    /// are overwritten and files the old HEAD had but the commit has not are removed.
    /// </summary>
    public void ForceCheckout(string sha, Action<int, int> progress)
    {
        var commit = _repository.Lookup<Commit>(sha);
        Commands.Checkout(_repository, commit, new CheckoutOptions
        {
            CheckoutModifiers = CheckoutModifiers.Force,
            OnCheckoutProgress = (_, completed, total) => progress(completed, total),
        });
    }

    /// <summary>Points the local branch at <paramref name="sha"/> (creating or moving it) and attaches HEAD to it.</summary>
    public void AttachBranch(string branch, string sha)
    {
        var name = "refs/heads/" + branch;
        var reference = _repository.Refs.Add(name, new ObjectId(sha), "deploy: checkout", allowOverwrite: true);
        _repository.Refs.Add("HEAD", reference, "deploy: checkout", allowOverwrite: true);
    }

    /// <summary>Deletes untracked files (ignored ones, such as build outputs, stay).</summary>
    public void RemoveUntracked() => _repository.RemoveUntrackedFiles();

    /// <summary>The submodules recorded in HEAD: name, path, URL as written in .gitmodules, and the commit.</summary>
    public IReadOnlyList<SubmoduleEntry> Submodules() =>
        _repository.Submodules.Where(s => s.HeadCommitId is not null)
            .Select(s => new SubmoduleEntry(s.Name, s.Path, s.Url, s.HeadCommitId.Sha))
            .ToList();

    public void Dispose() => _repository.Dispose();

    private static LibGit2Sharp.Handlers.CredentialsHandler CredentialsFor(TransferCallbacks callbacks) => (url, user, _) =>
    {
        var first = callbacks.CredentialRequests == 0;
        var credentials = callbacks.RequestCredentials(url, user);

        // A second request means the server refused the first answer: stop instead of replaying it until libgit2
        // gives up. The caller tells the cases apart by CredentialRequests.
        if (credentials is null || !first)
        {
            throw new CredentialsRefusedException();
        }

        return new UsernamePasswordCredentials { Username = credentials.UserName, Password = credentials.Password };
    };
}

/// <summary>A submodule recorded in a commit.</summary>
internal sealed record SubmoduleEntry(string Name, string Path, string Url, string Commit);

/// <summary>Thrown inside the credentials callback to stop libgit2; never escapes as is.</summary>
internal sealed class CredentialsRefusedException() : Exception("deploy: no (further) credentials to offer");
