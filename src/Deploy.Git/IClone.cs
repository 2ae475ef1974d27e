using Deploy.Build;
using Deploy.Git.Clone;

namespace Deploy.Git;

/// <summary>
/// The Clone stage, for building another repository (<c>--repository</c>): clones it into a workspace, or updates the
/// workspace when it already holds a clone of it, and checks out the requested branch, tag or commit. Later targets
/// read the result from <see cref="IGitSource.Checkout"/>; the run record gets it as outputs (<c>commit</c>,
/// <c>shortCommit</c>, <c>ref</c>, <c>tag</c>, <c>subject</c>). Without <c>--repository</c> the build builds the
/// checkout it stands in (<see cref="IGitSource"/>): Clone is skipped, "building the checkout at &lt;root&gt;".
/// </summary>
public interface IClone : IGitSource
{
    [Parameter("Repository to clone and build: https://, ssh://, file:// or user@host:path URL, or a local path (default: none, the build builds the checkout it stands in)")]
    string? Repository => GetParameter<string>();

    [Parameter("Branch, tag, or full or short commit SHA to check out (default: the remote's default branch)", Frequent = true)]
    string? Ref => GetParameter<string>();

    [Parameter("Commits of history to fetch, 0 = all (shallow over http/https only; ssh and local repositories always fetch all)")]
    int Depth => GetParameter<int?>() ?? 1;

    [Parameter("Also check out submodules, recursively")]
    bool Submodules => GetParameter<bool?>() ?? false;

    [Parameter("Directory to clone into (default: .nuke/temp/workspace/<repository name>, where this repository's Directory.Build.props, Directory.Build.targets, Directory.Packages.props and global.json do not apply)")]
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

    bool IGitSource.BuildsCheckout => Repository is not { Length: > 0 };

    /// <summary>Clones or updates the workspace and checks out the requested ref.</summary>
    Target Clone => _ => _
        .Description("Clone the repository (or update the workspace) at the requested branch, tag or commit")
        .OnlyWhenStatic(() => !BuildsCheckout, $"building the checkout at {RootDirectory}")
        // Through Source (skipped then, once Clone is done) to what builds from the source: one chain, one CI job.
        .DependentFor<IGitSource>(x => x.Source)
        .Validates(() => CloneChecks.Problems(this))
        .Executes(async cancellationToken =>
        {
            var request = CloneRequest.From(this);
            var checkout = await new Cloner(request, Log, Time).RunAsync(cancellationToken).ConfigureAwait(false);
            if (Workspace is not { Length: > 0 })
            {
                // After the clone, so that a failed first clone still leaves no directory behind.
                WorkspaceIsolation.Prepare(Path.GetDirectoryName(request.Workspace)!);
            }

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
