using Deploy.Git.LibGit2;

namespace Deploy.Git.Clone;

internal sealed partial class Cloner
{
    private const int ListedChanges = 5;

    /// <summary>
    /// Makes the working tree exactly <paramref name="commit"/>: local edits and untracked files are discarded
    /// (with a warning naming them), ignored files such as build outputs stay. A branch is attached to HEAD at
    /// the commit, whatever it pointed at before (an upstream force-push included); tags and commits are
    /// checked out detached.
    /// </summary>
    private void Checkout(GitRepository git, Resolution resolution, string commit, bool updating, CancellationToken cancellationToken)
    {
        var changes = updating && git.HeadCommit is not null ? git.LocalChanges() : [];
        if (changes.Count > 0)
        {
            _log.Warning(
                "Discarding {Count} local change(s) in the workspace: {Files}",
                changes.Count,
                string.Join(", ", changes.Take(ListedChanges)) + (changes.Count > ListedChanges ? ", …" : ""));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var progress = new ProgressReporter(_log, _time, "Checking out files: {Percent}% ({Done}/{Total}){Detail:l}");
        git.ForceCheckout(commit, (done, total) => progress.Report(done, total));
        if (resolution.Branch is { } branch)
        {
            git.AttachBranch(branch, commit);
        }

        if (changes.Count > 0)
        {
            git.RemoveUntracked();
        }
    }
}
