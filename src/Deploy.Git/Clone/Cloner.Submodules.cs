namespace Deploy.Git.Clone;

internal sealed partial class Cloner
{
    /// <summary>
    /// Clones (or updates) each submodule at the commit the superproject records, with the same credentials,
    /// depth and retries, and then its own submodules. Relative URLs resolve against the superproject's.
    /// </summary>
    private async Task SubmodulesAsync(LibGit2.GitRepository git, CancellationToken cancellationToken)
    {
        var submodules = git.Submodules();
        if (submodules.Count == 0)
        {
            return;
        }

        if (_nesting >= MaxSubmoduleNesting)
        {
            throw new GitException($"Submodules nest deeper than {MaxSubmoduleNesting} levels below {Repository.Display}; is one a submodule of itself?");
        }

        foreach (var submodule in submodules)
        {
            var address = Repository.Resolve(submodule.Url, out var problem)
                ?? throw new GitException($"The submodule '{submodule.Path}' has the URL '{RepositoryAddress.MaskUserInfo(submodule.Url)}', which cannot be cloned: {problem}");
            var request = _request.ForSubmodule(address, submodule.Commit, Path.Combine(_request.Workspace, submodule.Path));
            await new Cloner(request, _log, _time, _nesting + 1).RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
