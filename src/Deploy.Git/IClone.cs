using Deploy.Build;
using Deploy.Git.Clone;

namespace Deploy.Git;

/// <summary>
/// The Clone stage: clones a repository into a workspace, or updates the workspace when it already holds a
/// clone of it, and checks out the requested branch, tag or commit. Later targets read the result from
/// <see cref="Checkout"/>; the run record gets it as outputs (<c>commit</c>, <c>shortCommit</c>, <c>ref</c>,
/// <c>tag</c>, <c>subject</c>).
/// </summary>
public interface IClone : IDeployBuild
{
    /// <summary>The repository: a URL or a local path. Default: the repository this build lives in.</summary>
    [Parameter("Repository to clone: https://, ssh://, file:// or user@host:path URL, or a local path (default: this build's own repository)")]
    string? Repository => GetParameter<string>();

    /// <summary>The branch, tag, or full or short commit SHA. Default: the remote's default branch.</summary>
    [Parameter("Branch, tag, or full or short commit SHA to check out (default: the remote's default branch)", Frequent = true)]
    string? Ref => GetParameter<string>();

    /// <summary>
    /// Commits of history to fetch; 0 fetches all of it. Shallow fetches work over http(s) only: libgit2 has no
    /// shallow support in its local transport and a protocol bug over ssh, so those always fetch all history.
    /// </summary>
    [Parameter("Commits of history to fetch, 0 = all (shallow over http/https only; ssh and local repositories always fetch all)")]
    int Depth => GetParameter<int?>() ?? 1;

    /// <summary>Also checks out submodules, recursively, at the commits the repository records.</summary>
    [Parameter("Also check out submodules, recursively")]
    bool Submodules => GetParameter<bool?>() ?? false;

    /// <summary>Where the working tree goes. Default: <c>.nuke/temp/workspace/&lt;repository name&gt;</c>.</summary>
    [Parameter("Directory to clone into (default: .nuke/temp/workspace/<repository name>)")]
    string? Workspace => GetParameter<string>();

    /// <summary>A token for HTTPS, sent as the password of basic authentication (user: the URL's, else x-access-token).</summary>
    [Parameter("Token for HTTPS repositories (basic authentication; the user is the URL's, else x-access-token)"), Secret]
    string? GitToken => GetParameter<string>();

    /// <summary>A private key for ssh repositories, used for this clone only.</summary>
    [Parameter("Private key file for ssh repositories (used for this clone only; with GIT_SSH_COMMAND set, ssh runs that instead)", Convention = "GIT_SSH_COMMAND")]
    string? SshKey => GetParameter<string>();

    /// <summary>A known_hosts file to check the ssh server's key against. Default: ssh's own, accepting new hosts.</summary>
    [Parameter("known_hosts file to verify ssh servers with (default: ssh's own, accepting hosts it has not seen)")]
    string? SshKnownHosts => GetParameter<string>();

    /// <summary>Retries of a transient network failure (connection refused or reset, timeout, HTTP 5xx).</summary>
    [Parameter("Retries of a transient network failure, with exponential back-off and jitter")]
    int GitRetries => GetParameter<int?>() ?? 3;

    /// <summary>The first back-off delay; each retry waits about twice as long as the one before.</summary>
    [Parameter("First retry delay; it doubles with each retry")]
    TimeSpan GitRetryDelay => GetParameter<TimeSpan?>() ?? TimeSpan.FromSeconds(1);

    /// <summary>What <see cref="Clone"/> checked out; null until it has run.</summary>
    GitCheckout? Checkout => GitState.Of(this).Checkout;

    /// <summary>Clones or updates the workspace and checks out the requested ref.</summary>
    Target Clone => _ => _
        .Description("Clone the repository (or update the workspace) at the requested branch, tag or commit")
        .Validates(() => CloneChecks.Problems(this))
        .Executes(async cancellationToken =>
        {
            var request = CloneRequest.From(this);
            var checkout = await new Cloner(request, Log, Time).RunAsync(cancellationToken).ConfigureAwait(false);
            GitState.Of(this).Checkout = checkout;
        })
        .Outputs(() => Checkout, checkout => GitState.Of(this).Checkout = checkout, checkout => [checkout.Workspace])
        .Timeout(TimeSpan.FromMinutes(30))
        .Produces("commit", () => Checkout?.Commit)
        .Produces("shortCommit", () => Checkout?.ShortCommit)
        .Produces("ref", () => Checkout?.Ref)
        .Produces("tag", () => Checkout?.Tag)
        .Produces("subject", () => Checkout?.Subject);
}
