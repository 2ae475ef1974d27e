using Deploy.Build.Retries;
using Deploy.Git.LibGit2;

namespace Deploy.Git.Clone;

internal sealed partial class Cloner
{
    /// <summary>
    /// Fetches what <paramref name="resolution"/> needs and returns the commit to check out. A commit no ref
    /// points at (or one that a ref no longer points at when the fetch runs) is searched for in the full history.
    /// </summary>
    private async Task<string> FetchAsync(GitRepository git, Resolution resolution, SshSession ssh, CancellationToken cancellationToken)
    {
        if (resolution.Kind == RefKind.Commit && git.FindCommit(resolution.Commit!) is { } present)
        {
            _log.Information("Commit {Commit} is already in the workspace: nothing to fetch", present[..7]);
            return present;
        }

        if (!resolution.SearchesHistory)
        {
            await FetchAsync(git, resolution.Refspecs, Depth(git), ssh, cancellationToken).ConfigureAwait(false);
            var fetched = git.FindCommit(resolution.Kind == RefKind.Commit ? resolution.Commit! : resolution.FetchedRef!);
            if (fetched is not null)
            {
                return fetched;
            }

            if (resolution.Kind != RefKind.Commit)
            {
                throw new GitException($"Fetching {resolution.RefName} from {Repository.Display} did not produce it. Run again; if it persists, delete the workspace '{_request.Workspace}'.");
            }
        }

        _log.Information("Commit {Commit} is not the tip of a branch or tag: fetching all history to find it", resolution.Commit);
        await FetchAsync(git, Resolution.Everything, git.IsShallow ? DepthFetch.Unshallow : 0, ssh, cancellationToken).ConfigureAwait(false);
        return git.FindCommit(resolution.Commit!) ?? throw RefResolver.CommitNotFound(_request.Ref ?? resolution.Commit!, Repository.Display);
    }

    private Task<bool> FetchAsync(GitRepository git, IReadOnlyList<string> refspecs, int depth, SshSession ssh, CancellationToken cancellationToken)
    {
        var received = new ProgressReporter(_log, _time, "Receiving objects: {Percent}% ({Done}/{Total}){Detail:l}");
        var indexed = new ProgressReporter(_log, _time, "Indexing objects: {Percent}% ({Done}/{Total}){Detail:l}");
        return NetworkAsync(
            "fetch from " + Repository.Display,
            callbacks =>
            {
                git.Fetch(refspecs, depth, callbacks);
                return true;
            },
            ssh,
            status =>
            {
                received.Report(status.ReceivedObjects, status.TotalObjects, $", {Size(status.ReceivedBytes)}");
                if (status.ReceivedObjects == status.TotalObjects)
                {
                    indexed.Report(status.IndexedObjects, status.TotalObjects);
                }

                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// The depth to fetch with. libgit2 fetches shallow over http(s) only: its local transport has no shallow
    /// support ("shallow fetch is not supported by the local transport"), and over ssh its stateful protocol
    /// sends the wants twice and git upload-pack rejects them ("expected SHA1 list"). Those fetch all history.
    /// </summary>
    private int Depth(GitRepository git)
    {
        if (_request.Depth == 0)
        {
            return git.IsShallow ? DepthFetch.Unshallow : 0;
        }

        if (Repository.Transport is GitTransport.Http)
        {
            return _request.Depth;
        }

        if (!_toldAboutDepth)
        {
            _toldAboutDepth = true;
            _log.Information(
                "Fetching all history: libgit2 fetches shallow (--depth {Depth}) over http(s) only, and this is a {Transport} repository",
                _request.Depth,
                Repository.Transport == GitTransport.Local ? "local" : Repository.Transport.ToString().ToLowerInvariant());
        }

        return 0;
    }

    /// <summary>
    /// Runs one network operation on a worker thread, with retries for transient failures. Cancellation makes
    /// the progress callbacks answer "stop" and ends the ssh process; the operation is awaited to its end either
    /// way, because the repository must not be closed under a running libgit2 call.
    /// </summary>
    private async Task<T> NetworkAsync<T>(string what, Func<TransferCallbacks, T> operation, SshSession ssh, Func<TransferStatus, bool>? progress, CancellationToken cancellationToken)
    {
        // Transient network failures are retried (with a one-minute cap on the wait); anything else fails at once.
        var retry = new RetryOptions(what, _request.Retries, _request.RetryDelay, e => e is TransientGitException, _time, _log) { MaxDelay = TimeSpan.FromMinutes(1) };
        var attempts = 0;
        try
        {
            return await Retry.RunAsync(
                retry,
                async token =>
                {
                    attempts++;
                    ssh.ClearErrors();
                    var callbacks = new TransferCallbacks
                    {
                        Credentials = Credentials,
                        Transfer = status => !token.IsCancellationRequested && (progress?.Invoke(status) ?? true),
                        ServerMessage = _ => !token.IsCancellationRequested,
                    };
                    using var kill = token.Register(ssh.Kill);
                    try
                    {
                        return await Task.Run(() => operation(callbacks), CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (token.IsCancellationRequested)
                    {
                        throw new OperationCanceledException($"Cancelled while trying to {what}.", exception, cancellationToken);
                    }
                    catch (Exception exception) when (exception is not GitException)
                    {
                        throw _translator.Translate(exception, callbacks, ssh.Errors);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TransientGitException exception)
        {
            throw _translator.GaveUp(exception, attempts);
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes / 1024.0 / 1024.0:0.0} MiB",
    };
}
