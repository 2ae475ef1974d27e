using Deploy.Git.LibGit2;
using Serilog;

namespace Deploy.Git.Clone;

/// <summary>
/// One clone or update, start to end: open (or create) the workspace, list the remote's refs, resolve
/// <c>--ref</c>, fetch what it needs, force-check-out the commit, then the submodules. LibGit2Sharp is
/// synchronous: its calls run on a worker thread, and cancellation reaches them through libgit2's progress
/// callbacks (and by ending the ssh process).
/// </summary>
internal sealed partial class Cloner
{
    private const int MaxSubmoduleNesting = 8;
    private readonly CloneRequest _request;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly int _nesting;
    private readonly CredentialScrubber _scrubber;
    private readonly FailureTranslator _translator;
    private bool _toldAboutDepth;
    private string? _createdFrom;
    private string? _originBefore;

    public Cloner(CloneRequest request, ILogger log, TimeProvider time, int nesting = 0)
    {
        _request = request;
        _log = log;
        _time = time;
        _nesting = nesting;
        _scrubber = new CredentialScrubber(request.Token, request.Repository.Password);
        _translator = new FailureTranslator(request.Repository, _scrubber, request.Token is not null || request.Repository.Password is not null);
    }

    private RepositoryAddress Repository => _request.Repository;

    public async Task<GitCheckout> RunAsync(CancellationToken cancellationToken)
    {
        _log.Information(
            "{Action} {Repository} at {Ref} in {Workspace}",
            _nesting == 0 ? "Cloning" : "Cloning submodule",
            Repository.Display,
            _request.Ref ?? "its default branch",
            _request.Workspace);
        var (git, created) = await Task.Run(OpenWorkspace, cancellationToken).ConfigureAwait(false);
        var succeeded = false;
        try
        {
            using (git)
            {
                try
                {
                    var checkout = await CloneIntoAsync(git, updating: !created, cancellationToken).ConfigureAwait(false);
                    succeeded = true;
                    return checkout;
                }
                finally
                {
                    if (!succeeded && !created)
                    {
                        // A refused update leaves the workspace as it was, its remote's URL included.
                        RestoreOrigin(git);
                    }
                }
            }
        }
        finally
        {
            if (!succeeded && created)
            {
                // Leave no half-made clone behind, not even an empty directory: the next run starts clean.
                DiscardWorkspace();
            }
        }
    }

    private async Task<GitCheckout> CloneIntoAsync(GitRepository git, bool updating, CancellationToken cancellationToken)
    {
        RemoteRefs refs;
        string commit;
        Resolution resolution;
        using (var ssh = SshSession.Start(_request, git, _log))
        {
            refs = await NetworkAsync("list the refs of " + Repository.Display, git.ListRemoteRefs, ssh, null, cancellationToken).ConfigureAwait(false);
            resolution = RefResolver.Resolve(refs, _request.Ref, Repository.Display);
            commit = await FetchAsync(git, resolution, ssh, cancellationToken).ConfigureAwait(false);
        }

        await Task.Run(() => Checkout(git, resolution, commit, updating, cancellationToken), cancellationToken).ConfigureAwait(false);
        var checkout = new GitCheckout(
            Repository.Display,
            git.WorkingDirectory,
            commit,
            git.Shorten(commit),
            resolution.Kind == RefKind.Commit ? null : resolution.RefName,
            RefResolver.TagFor(refs, commit, resolution),
            git.Subject(commit),
            git.IsShallow,
            updating,
            CommitTime: git.CommitTime(commit));
        _log.Information(
            "Checked out {What}{ShortCommit} \"{Subject}\"{Shallow}",
            checkout.RefName is { } name ? name + " at " : "",
            checkout.ShortCommit,
            checkout.Subject,
            checkout.IsShallow ? " (shallow)" : "");

        if (_request.Submodules)
        {
            await SubmodulesAsync(git, cancellationToken).ConfigureAwait(false);
        }

        return checkout;
    }

    private BasicCredentials? Credentials(string url, string? userFromUrl)
    {
        var user = userFromUrl ?? Repository.UserName;
        if (_request.Token is { } token)
        {
            return new BasicCredentials(user ?? "x-access-token", token);
        }

        return Repository.Password is { } password ? new BasicCredentials(user ?? "", password) : null;
    }
}
