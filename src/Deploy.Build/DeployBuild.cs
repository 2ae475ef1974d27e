using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Deploy.Build.Cli;
using Serilog;

namespace Deploy.Build;

/// <summary>
/// The base of a build: <c>class Build : DeployBuild { public static int Main() =&gt; Execute&lt;Build&gt;(x =&gt; x.Compile); ... }</c>.
/// Holds the run's root, logger and parameters per instance: nothing is static, so targets can run at once.
/// </summary>
public abstract class DeployBuild : IDeployBuild
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, object> _states = new();

    internal BuildContext Context { get; set; } = BuildContext.Unconfigured;

    /// <inheritdoc />
    public string RootDirectory => Context.RootDirectory;

    /// <inheritdoc />
    public string TemporaryDirectory => Path.Combine(RootDirectory, ".nuke", "temp");

    /// <inheritdoc />
    public ILogger Log => Context.Log;

    /// <inheritdoc />
    public TimeProvider Time => Context.Time;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> EnvironmentVariables => Context.Environment;

    /// <inheritdoc />
    public bool IsForced(string target) => Context.Forced.Contains(target);

    /// <inheritdoc />
    public string? InputsFingerprint(string target) => Context.Fingerprints.TryGetValue(target, out var key) ? key : null;

    /// <inheritdoc />
    public T? GetParameter<T>([CallerMemberName] string member = "") =>
        Context.Values.TryGetValue(member, out var value) && value is T typed ? typed : default;

    /// <inheritdoc />
    public T GetState<T>()
        where T : class, new() => (T)_states.GetOrAdd(typeof(T), static _ => new T());

    /// <summary>
    /// Runs the build with the process's arguments and returns the exit code (0 succeeded, 1 a target
    /// failed, 2 bad invocation or definition, 130 cancelled): <c>Execute&lt;Build&gt;(x =&gt; x.Compile)</c>.
    /// </summary>
    /// <param name="defaultTargets">Targets to run when none are named, each as <c>x =&gt; x.Target</c>.</param>
    /// <remarks>
    /// The compiler picks this form for <c>x =&gt; x.Compile</c> over the expression-tree one: it costs no expression
    /// tree, whose construction alone took longer than a tenth of a warm <c>./build.sh --help</c>.
    /// </remarks>
    [OverloadResolutionPriority(1)]
    protected static int Execute<T>(params Func<T, Target>[] defaultTargets)
        where T : DeployBuild, new()
    {
        // The process's single blocking wait, exactly what an `async Task<int> Main` compiles to; the engine
        // below it is async throughout.
        return ExecuteAsync(defaultTargets).GetAwaiter().GetResult();
    }

    /// <summary>The asynchronous form of <see cref="Execute{T}(Func{T, Target}[])"/>, for <c>static Task&lt;int&gt; Main()</c>.</summary>
    [OverloadResolutionPriority(1)]
    protected static Task<int> ExecuteAsync<T>(params Func<T, Target>[] defaultTargets)
        where T : DeployBuild, new()
    {
        var build = new T();
        return RunProcessAsync(build, DefaultTargets.Of(build, defaultTargets));
    }

    /// <summary>The expression-tree form of <see cref="Execute{T}(Func{T, Target}[])"/>, kept for builds compiled against it.</summary>
    /// <param name="defaultTargets">Targets to run when none are named.</param>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets)
        where T : DeployBuild, new() => ExecuteAsync(defaultTargets).GetAwaiter().GetResult();

    /// <summary>The expression-tree form of <see cref="ExecuteAsync{T}(Func{T, Target}[])"/>, kept for builds compiled against it.</summary>
    /// <param name="defaultTargets">Targets to run when none are named.</param>
    protected static Task<int> ExecuteAsync<T>(params Expression<Func<T, Target>>[] defaultTargets)
        where T : DeployBuild, new() => RunProcessAsync(new T(), DefaultTargetNames(defaultTargets));

    private static async Task<int> RunProcessAsync(DeployBuild build, DefaultTargets defaultTargets)
    {
        using var interrupt = new InterruptHandler();
        var host = BuildHost.FromProcess(interrupt.Token);
        return await BuildRunner.RunAsync(build, System.Environment.GetCommandLineArgs()[1..], defaultTargets, host).ConfigureAwait(false);
    }

    /// <summary>"x =&gt; x.Rollout" → "Rollout", without compiling the expression (start-up time).</summary>
    internal static string[] DefaultTargetNames<T>(Expression<Func<T, Target>>[] targets) =>
        targets.Select(t => t.Body is MemberExpression member
            ? member.Member.Name
            : throw new ArgumentException($"Default targets are given as x => x.Target; '{t}' is not.", nameof(targets))).ToArray();
}
