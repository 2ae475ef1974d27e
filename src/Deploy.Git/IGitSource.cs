using Deploy.Build;
using Deploy.Git.Clone;

namespace Deploy.Git;

/// <summary>
/// Where the source a build builds comes from, and which commit it is. By default the build builds the checkout it
/// stands in: the <c>Source</c> target reads the commit, branch and tag of the build root's git checkout and whether it
/// has uncommitted changes (then images are tagged <c>&lt;short-sha&gt;-dirty</c>); the run record gets <c>commit</c>,
/// <c>shortCommit</c>, <c>ref</c>, <c>tag</c>, <c>subject</c>, <c>dirty</c> and <c>version</c>. Outside a git checkout it
/// warns once and <see cref="Checkout"/> stays null (images are tagged <c>dev</c>). <see cref="IClone"/> builds another
/// repository instead, when given <c>--repository</c>.
/// </summary>
public interface IGitSource : IDeployBuild
{
    /// <summary>What is built: the build's own checkout (after <c>Source</c>) or the clone (after <c>Clone</c>); null before, or outside git.</summary>
    GitCheckout? Checkout => GitState.Of(this).Checkout;

    /// <summary>True when the source is the checkout the build stands in; false when a target fetches it (<see cref="IClone"/> with <c>--repository</c>).</summary>
    bool BuildsCheckout => true;

    /// <summary>The directory holding the source: the build's root for its own checkout, else the clone's workspace (once it is there).</summary>
    string SourceRoot => BuildsCheckout ? RootDirectory : Checkout?.Workspace ?? RootDirectory;

    /// <summary>Whether <see cref="SourceRoot"/> holds the source yet: always for the build's own checkout, after Clone for a clone.</summary>
    bool HasSourceRoot => BuildsCheckout || Checkout is not null;

    /// <summary>The targets that build from the source (the stock pipeline: Restore): Source, and Clone when it runs, come before them. Default: none.</summary>
    IReadOnlyList<Target> SourceConsumers => [];

    /// <summary>Reads the commit of the checkout the build stands in.</summary>
    Target Source => _ => _
        .Description("Read the commit, branch and uncommitted changes of the checkout the build stands in")
        .DependentFor([.. SourceConsumers])
        .OnlyWhenStatic(() => BuildsCheckout, "the source is cloned (--repository)")
        .Executes(() => GitState.Of(this).Checkout = CheckoutReader.Read(RootDirectory, Log))
        .Outputs(() => Checkout, checkout => GitState.Of(this).Checkout = checkout)
        .Produces("commit", () => Checkout?.Commit)
        .Produces("shortCommit", () => Checkout?.ShortCommit)
        .Produces("ref", () => Checkout?.Ref)
        .Produces("tag", () => Checkout?.Tag)
        .Produces("subject", () => Checkout?.Subject)
        .Produces("dirty", () => Checkout is { } checkout ? (checkout.Dirty ? "true" : "false") : null)
        .Produces("version", () => Checkout?.Version);
}
