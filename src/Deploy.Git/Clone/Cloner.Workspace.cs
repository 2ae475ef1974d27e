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

        Directory.CreateDirectory(workspace);
        return (GitRepository.Create(workspace, Repository.Url), true);
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
