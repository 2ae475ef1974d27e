using Deploy.Git.LibGit2;
using LibGit2Sharp;

namespace Deploy.Git.Clone;

internal sealed partial class Cloner
{
    /// <summary>
    /// Opens the workspace when it holds a clone of the same repository; creates it when it is missing or empty.
    /// A clone of another repository, or a directory that is no clone, is an error (a submodule's is replaced).
    /// </summary>
    private (GitRepository Repository, bool Created) OpenWorkspace()
    {
        var workspace = _request.Workspace;
        if (Directory.Exists(workspace) && Directory.EnumerateFileSystemEntries(workspace).Any())
        {
            var isClone = Path.Exists(Path.Combine(workspace, ".git")) && GitRepository.IsRepository(workspace);
            if (!isClone)
            {
                throw new GitException($"The workspace '{workspace}' exists and is not a git clone. Delete it (or empty it), or pass --workspace with another directory.")
                {
                    Repository = Repository.Display,
                };
            }

            GitRepository? git = null;
            try
            {
                git = GitRepository.Open(workspace);
                var origin = git.OriginUrl;
                if (origin is not null && RepositoryAddress.IdentityOf(origin, workspace) == Repository.Identity)
                {
                    _originBefore = origin;
                    git.SetOriginUrl(Repository.Url);
                    _log.Information("The workspace holds a clone of {Repository}: updating it", Repository.Display);
                    return (git, false);
                }

                git.Dispose();
                if (_nesting > 0)
                {
                    _log.Information("Submodule {Workspace} now comes from {Repository}: cloning it afresh", workspace, Repository.Display);
                    RemoveWorkspace();
                    return (GitRepository.Create(workspace, Repository.Url), true);
                }

                var shown = origin is null ? "no remote 'origin'" : RepositoryAddress.MaskUserInfo(origin);
                throw new GitException(
                    $"The workspace '{workspace}' is a clone of {shown}, not of {Repository.Display}. " +
                    "Delete that directory to clone there, or pass --workspace with another directory.")
                {
                    Repository = Repository.Display,
                };
            }
            catch (LibGit2SharpException exception)
            {
                git?.Dispose();
                throw new GitException($"The workspace '{workspace}' holds a damaged git repository ({_scrubber.Apply(exception.Message)}). Delete it and run again.", exception);
            }
        }

        _createdFrom = FirstMissing(workspace);
        Directory.CreateDirectory(workspace);
        return (GitRepository.Create(workspace, Repository.Url), true);
    }

    /// <summary>The outermost of <paramref name="directory"/> and its parents that does not exist yet; null when it exists.</summary>
    private static string? FirstMissing(string directory)
    {
        string? missing = null;
        for (var current = Path.GetFullPath(directory); !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing = current;
        }

        return missing;
    }

    /// <summary>
    /// Undoes a first clone that failed: empties the workspace, and removes it and the parents this clone created
    /// when it did not exist before (a directory that was there, empty, stays).
    /// </summary>
    private void DiscardWorkspace()
    {
        RemoveWorkspace();
        if (_createdFrom is null)
        {
            return;
        }

        var stop = Path.GetDirectoryName(_createdFrom);
        for (var current = Path.GetFullPath(_request.Workspace); current is not null && current != stop; current = Path.GetDirectoryName(current))
        {
            // Only empty directories: a parent another clone (or anyone) put something into meanwhile stays.
            if (!Directory.Exists(current) || Directory.EnumerateFileSystemEntries(current).Any())
            {
                break;
            }

            Directory.Delete(current);
        }
    }

    /// <summary>Puts back the remote URL an update changed (same repository, another spelling of its URL), best-effort.</summary>
    private void RestoreOrigin(GitRepository git)
    {
        if (_originBefore is null)
        {
            return;
        }

        try
        {
            git.SetOriginUrl(_originBefore);
        }
        catch (LibGit2SharpException exception)
        {
            _log.Warning("Could not restore the workspace's origin URL: {Reason}", _scrubber.Apply(exception.Message));
        }
    }

    private void RemoveWorkspace()
    {
        var workspace = new DirectoryInfo(_request.Workspace);
        if (!workspace.Exists)
        {
            return;
        }

        // Git makes its object files read-only; Directory.Delete refuses those on some systems.
        foreach (var file in workspace.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal;
        }

        foreach (var entry in workspace.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }
}
