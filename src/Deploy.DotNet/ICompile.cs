using Deploy.Build;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet;

/// <summary>
/// The <c>Compile</c> target: builds the service, then publishes the output its image is built from (nothing
/// is compiled inside the image). <see cref="Published"/> tells later targets where it is.
/// </summary>
public interface ICompile : IRestore
{
    [Parameter("Runtime to publish the service for (a .NET runtime identifier such as linux-x64 or linux-arm64; Go maps it to GOOS/GOARCH)")]
    string Runtime => GetParameter<string>() ?? "linux-x64";

    [Parameter("Publish the service with its own .NET runtime (false: it needs a .NET base image)")]
    bool SelfContained => GetParameter<bool?>() ?? true;

    [Parameter("The project to publish, relative to --project (default: its one web or executable project)")]
    string? PublishProject => GetParameter<string>();

    /// <summary>
    /// The commit stamped into the service (<c>-p:SourceRevisionId</c> for .NET, <c>-X main.commit</c> for Go).
    /// Null leaves it to the toolchain, which reads the checkout's git metadata.
    /// </summary>
    string? SourceRevision => null;

    /// <summary>Where the service is published (emptied first).</summary>
    string PublishDirectory => Path.Combine(TemporaryDirectory, "publish");

    /// <summary>What <c>Compile</c> published; null until it ran, or when the service has nothing to publish.</summary>
    PublishedService? Published => ToolchainState.Of(this).Published;

    /// <summary>
    /// Builds the service and publishes it into <see cref="PublishDirectory"/>. Up to date while the service's files
    /// but its tests, the toolchain's version, the configuration and the publish settings are unchanged.
    /// </summary>
    Target Compile => _ => _
        .Description("Compile the service and publish what its image is built from")
        .DependsOn<IRestore>(x => x.Restore)
        .Inputs(i => i
            .Value("service", ct => ServiceInputs.ListAsync(this, ct))
            .Files(() => ServiceInputs.CompileFiles(this))
            .Value("toolchain version", ct => ServiceInputs.VersionAsync(this, ct))
            .Parameter(() => Configuration)
            .Parameter(() => Runtime)
            .Parameter(() => SelfContained)
            .Parameter(() => PublishProject)
            .Value("source revision", () => SourceRevision))
        .Produces("publish", () => Published?.Directory)
        .Outputs(() => Published, published => ToolchainState.Of(this).Published = published, published => [published.Directory])
        .Timeout(TimeSpan.FromHours(1))
        .Executes(async ct =>
        {
            var state = ToolchainState.Of(this);
            state.Published = await ToolchainDetector.Detect(this).CompileAsync(this, ct).ConfigureAwait(false);
            state.Compiled = true;
        });
}
