using Deploy.Build;
using Deploy.DotNet.Toolchains;

namespace Deploy.DotNet;

/// <summary>
/// The service a build compiles: where its source is, which project, which configuration. Shared by
/// <see cref="IRestore"/>, <see cref="ICompile"/> and <see cref="ITest"/>, which detect the toolchain
/// (.NET or Go) in <see cref="Project"/>.
/// </summary>
public interface IToolchain : IDeployBuild
{
    /// <summary>
    /// The directory holding the service's source: the build's root unless the build overrides it (a build
    /// that clones the service points it at the clone's workspace).
    /// </summary>
    string SourceDirectory => RootDirectory;

    /// <summary>
    /// Whether <see cref="SourceDirectory"/> holds the service's source yet. A build whose source an earlier target
    /// fetches (Clone) says when it is there, e.g. <c>bool IToolchain.HasSource =&gt; ((IClone)this).Checkout is not null;</c>.
    /// Until then the checks of files in the source (the Dockerfile) wait: they run while planning when the source is
    /// there, else the moment the target that fetches it has succeeded, before anything builds from it.
    /// </summary>
    bool HasSource => true;

    [Parameter("The service to build, inside the source: a directory holding a .NET solution or project or a go.mod, or the file itself (default: the only solution or go.mod at the source's root, else the only directory with a .NET project that is neither a test project nor a Deploy build)", Frequent = true)]
    string Project => GetParameter<string>() ?? DiscoveredProject ?? ".";

    /// <summary>
    /// The default of <see cref="Project"/>: the only .NET solution or go.mod at <see cref="SourceDirectory"/>'s root,
    /// else the only directory with a .NET project that is neither a test project nor a Deploy build. Null when there is none or several (then
    /// <see cref="Project"/> is <c>.</c> and Restore's check stops the run, listing what it found), or until the source is
    /// there (<see cref="HasSource"/>).
    /// </summary>
    string? DiscoveredProject => HasSource ? ProjectDiscovery.TryFind(SourceDirectory, out _) : null;

    /// <summary>The service's directory inside <see cref="SourceDirectory"/>: <see cref="Project"/>, or its directory when it names a file.</summary>
    string ProjectDirectory => File.Exists(Path.Combine(SourceDirectory, Project)) ? Path.GetDirectoryName(Project) is { Length: > 0 } directory ? directory : "." : Project;

    [Parameter("Configuration to build the service in (.NET)")]
    string Configuration => GetParameter<string>() ?? "Release";
}
