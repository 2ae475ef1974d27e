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
    [Parameter("Repository to clone: https://, ssh://, file:// or user@host:path URL, or a local path (default: this build's own repository)")]
    string? Repository => GetParameter<string>();

    [Parameter("Branch, tag, or full or short commit SHA to check out (default: the remote's default branch)", Frequent = true)]
    string? Ref => GetParameter<string>();

    [Parameter("Commits of history to fetch, 0 = all (shallow over http/https only; ssh and local repositories always fetch all)")]
    int Depth => GetParameter<int?>() ?? 1;

    [Parameter("Also check out submodules, recursively")]
    bool Submodules => GetParameter<bool?>() ?? false;

    [Parameter("Directory to clone into (default: .nuke/temp/workspace/<repository name>)")]
    string? Workspace => GetParameter<string>();

    [Parameter("Token for HTTPS repositories (basic authentication; the user is the URL's, else x-access-token)"), Secret]
    string? GitToken => GetParameter<string>();

    [Parameter("Private key file for ssh repositories (used for this clone only; with GIT_SSH_COMMAND set, ssh runs that instead)", Convention = "GIT_SSH_COMMAND")]
    string? SshKey => GetParameter<string>();

    [Parameter("known_hosts file to verify ssh servers with (default: ssh's own, accepting hosts it has not seen)")]
    string? SshKnownHosts => GetParameter<string>();

    [Parameter("Retries of a transient network failure, with exponential back-off and jitter")]
    int GitRetries => GetParameter<int?>() ?? 3;

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
