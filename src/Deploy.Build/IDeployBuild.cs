using System.Runtime.CompilerServices;
using Serilog;

namespace Deploy.Build;

/// <summary>
/// What every build offers its components. A build component is an interface deriving from this one,
/// with default-implemented targets and parameters:
/// <code>
/// public interface IGreet : IDeployBuild
/// {
///     [Parameter("Who to greet")] string Name => GetParameter&lt;string&gt;() ?? "world";
///     Target Greet => _ => _.Executes(() => Log.Information("Hello {Name}", Name));
/// }
/// </code>
/// </summary>
public interface IDeployBuild
{
    /// <summary>The root directory (the one holding <c>.nuke/</c>).</summary>
    string RootDirectory { get; }

    /// <summary><c>.nuke/temp</c> under the root: logs, the run record, workspaces.</summary>
    string TemporaryDirectory { get; }

    /// <summary>
    /// The run's logger. Lines written while a target runs carry that target's name, also from code the
    /// target awaits; secrets are masked.
    /// </summary>
    ILogger Log { get; }

    /// <summary>
    /// The run's clock: read the time, wait and time out through it, never through the system clock
    /// (a build error in src/, see eng/analyzers/BannedSymbols.txt), so a test can hand the build a fake one.
    /// </summary>
    TimeProvider Time { get; }

    /// <summary>
    /// The run's environment variables (the process's, or the ones a test gives the build). Read other tools'
    /// conventions (<c>DOCKER_HOST</c>, <c>KUBECONFIG</c>) here, never from the process environment.
    /// Parameters are not read from it by their plain names: only the engine reads <c>DEPLOY_&lt;NAME&gt;</c>.
    /// </summary>
    IReadOnlyDictionary<string, string> EnvironmentVariables { get; }

    /// <summary>
    /// Whether <c>--force</c> names the planned target <paramref name="target"/> (or was given alone). The engine runs
    /// such a target even when its inputs are unchanged; a target that decides by itself that there is nothing to do
    /// (the image it would deploy already runs) asks this and does the work anyway.
    /// </summary>
    bool IsForced(string target) => false;

    /// <summary>
    /// The fingerprint of what the target <paramref name="target"/> declared it reads (<see cref="ITargetDefinition.Inputs"/>),
    /// taken in this run just before it started; null when it declares nothing or has not been fingerprinted. A target
    /// can stamp it on what it makes (an image label), so a later run finds what these inputs made.
    /// </summary>
    string? InputsFingerprint(string target) => null;

    /// <summary>
    /// The value given for a parameter declared on a component interface, or <c>default</c> when none was
    /// given. Call it from the parameter's property: <c>[Parameter] int Depth =&gt; GetParameter&lt;int?&gt;() ?? 1;</c>
    /// </summary>
    T? GetParameter<T>([CallerMemberName] string member = "");

    /// <summary>
    /// The build's one instance of <typeparamref name="T"/>, created on first use: where a component keeps
    /// the typed results its targets hand on to later ones (interfaces cannot hold fields). It belongs to
    /// this build object, so two builds never share it.
    /// </summary>
    T GetState<T>()
        where T : class, new();
}
