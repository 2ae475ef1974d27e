using Deploy.Git.LibGit2;
using LibGit2Sharp;
using Serilog;

namespace Deploy.Git.Clone;

/// <summary>Reads the checkout a build stands in: its commit, branch, tag and whether it has uncommitted changes.</summary>
internal static class CheckoutReader
{
    /// <summary>What is checked out at <paramref name="root"/>; null (after one warning saying why) when it is no git checkout with a commit.</summary>
    public static GitCheckout? Read(string root, ILogger log)
    {
        var workingDirectory = GitRepository.FindWorkingDirectory(root);
        if (workingDirectory is null)
        {
            log.Warning(
                "The build's root {Root} is not inside a git repository, so the image is tagged dev and no commit is recorded. " +
                "Build from a git checkout (git init, then git commit) to tag it with the commit", root);
            return null;
        }

        try
        {
            using var git = GitRepository.Open(workingDirectory);
            if (git.HeadCommit is not { } commit)
            {
                log.Warning(
                    "The git repository at {Repository} has no commit yet, so the image is tagged dev and no commit is recorded. " +
                    "Commit (git commit) to tag it with the commit", workingDirectory);
                return null;
            }

            // Dirty: what `git status` lists, tracked files changed in the working tree or index and untracked files
            // that are not ignored (a new source file changes what is built); ignored files (bin/, obj/) do not count.
            var changes = git.LocalChanges();
            var checkout = new GitCheckout(
                workingDirectory, workingDirectory, commit, git.Shorten(commit), git.HeadRef, git.TagAt(commit), git.Subject(commit),
                git.IsShallow, Updated: false, Dirty: changes.Count > 0);
            if (checkout.Dirty)
            {
                log.Information(
                    "Building the checkout at {Repository}: {Commit} ({Ref}) with {Count} uncommitted change(s), e.g. {Example}: tagged {Version}",
                    workingDirectory, checkout.ShortCommit, checkout.RefName ?? "detached", changes.Count, changes[0], checkout.Version);
            }
            else
            {
                log.Information("Building the checkout at {Repository}: {Commit} ({Ref}), {Subject}", workingDirectory, checkout.ShortCommit, checkout.RefName ?? "detached", checkout.Subject);
            }

            return checkout;
        }
        catch (LibGit2SharpException exception)
        {
            throw new GitException($"The git repository at '{workingDirectory}' cannot be read ({exception.Message}). Check it with git status, or repair it.", exception);
        }
    }
}
