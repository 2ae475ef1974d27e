using System.Runtime.CompilerServices;

namespace Deploy.Build;

/// <summary>
/// The fluent definition of a target. Every method returns the same definition, so calls chain;
/// the names and meanings follow NUKE's so its users feel at home.
/// </summary>
public interface ITargetDefinition
{
    /// <summary>Text shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>Adds a synchronous action. Several actions run one after another.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Adds an asynchronous action.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Adds an asynchronous action that receives the token cancelled on failure elsewhere or Ctrl+C.</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>The given targets run (and finish) before this one; planning this target plans them.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>Component form of <see cref="DependsOn(Target[])"/>: <c>DependsOn&lt;IClone&gt;(x =&gt; x.Clone)</c>.</summary>
    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);

    /// <summary>The given targets depend on this one (the reverse of <see cref="DependsOn(Target[])"/>).</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Component form of <see cref="DependentFor(Target[])"/>.</summary>
    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);

    /// <summary>When both are planned, this target runs before the given ones. Never plans them.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Component form of <see cref="Before(Target[])"/>.</summary>
    ITargetDefinition Before<T>(params Func<T, Target>[] targets);

    /// <summary>When both are planned, this target runs after the given ones. Never plans them.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Component form of <see cref="After(Target[])"/>.</summary>
    ITargetDefinition After<T>(params Func<T, Target>[] targets);

    /// <summary>Planning this target plans the given ones too; they run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Component form of <see cref="Triggers(Target[])"/>.</summary>
    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);

    /// <summary>This target is planned (after them) whenever one of the given targets is.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Component form of <see cref="TriggeredBy(Target[])"/>.</summary>
    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);

    /// <summary>
    /// A condition evaluated while planning, before anything runs. When false the target is skipped
    /// and the condition's source text is the reason.
    /// </summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>A condition evaluated just before the target would start (after its dependencies ran).</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>What happens to the dependencies when this target is skipped by a static condition.</summary>
    ITargetDefinition WhenSkipped(DependencyBehavior behavior);

    /// <summary>
    /// A requirement checked while planning: <c>Requires(() =&gt; ApiKey)</c> fails the plan (exit 2) when the
    /// parameter has no value; a <see cref="bool"/> requirement fails it when false.
    /// </summary>
    ITargetDefinition Requires(Func<object?> requirement, [CallerArgumentExpression(nameof(requirement))] string? requirementText = null);

    /// <summary>
    /// Checks of this target's parameters, run while planning for every planned target that is not statically
    /// skipped: each string returned is one problem, a whole sentence naming the parameter and the fix. The engine
    /// reports the problems of all targets at once and exits 2 before anything runs. A check that needs the state
    /// an earlier target produces (a cloned source) returns nothing until that state is there: the engine runs the
    /// checks of the targets that have not started again after each target succeeds, and a problem found then fails
    /// the run before another target starts.
    /// </summary>
    ITargetDefinition Validates(Func<IEnumerable<string>> problems);

    /// <summary>
    /// A quick check that needs a server (the Docker engine answers, the Kubernetes context is usable), run as the
    /// run starts, before the first target, together with the other planned targets' preflights; each is given 15
    /// seconds (its token is cancelled then). A check that throws stops the run with its message: exit 2,
    /// nothing run. <c>--plan</c> does not run preflights.
    /// </summary>
    ITargetDefinition Preflight(Func<CancellationToken, Task> check);

    /// <summary>A failure of this target does not stop the build: later targets, dependents included, still run.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even after another target failed or the run was cancelled.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hides the target from <c>--help</c>; it can still be invoked.</summary>
    ITargetDefinition Unlisted();

    /// <summary>
    /// Declares an output of the target, read after it succeeds: it goes to observers and the run record
    /// (<c>outputs</c>). The value itself stays typed state on the build.
    /// </summary>
    ITargetDefinition Produces(string name, Func<object?> value);

    /// <summary>
    /// Declares typed state this target hands on to later targets, so that a target skipped by <c>--continue</c>
    /// hands on exactly what it did when it ran. After the target succeeds, <paramref name="state"/> is read and
    /// stored as JSON (System.Text.Json: records with a constructor work) in <c>.nuke/temp/outputs/&lt;target&gt;.json</c>;
    /// when <c>--continue</c> skips the target, the stored value is given to <paramref name="restore"/> before any
    /// later target starts. When the stored state cannot be read, or a path <paramref name="paths"/> named is gone,
    /// the target runs again instead (and so does everything after it that depends on it).
    /// <code>.Outputs(() =&gt; Published, value =&gt; State.Published = value, value =&gt; [value.Directory])</code>
    /// </summary>
    /// <param name="state">Reads the state after the target succeeded; null stores nothing to restore.</param>
    /// <param name="restore">Puts a stored value back where later targets read it.</param>
    /// <param name="paths">Files or directories the state refers to that must still exist (relative to the root or absolute).</param>
    ITargetDefinition Outputs<T>(Func<T?> state, Action<T> restore, Func<T, IEnumerable<string>>? paths = null)
        where T : class;

    /// <summary>
    /// Declares files or directories the target leaves for later targets, read after it succeeds (relative to the
    /// root or absolute): when <c>--continue</c> would skip the target and one of them is gone, it runs again.
    /// </summary>
    ITargetDefinition Outputs(Func<IEnumerable<string>> paths);

    /// <summary>
    /// Declares what the target reads, so that it runs only when that changed: files by content, parameter values and
    /// values it computes (<see cref="ITargetInputs"/>). Just before the target would start, the engine fingerprints
    /// them together with the build's own code and what the targets it depends on handed on; when the fingerprint is
    /// the one of its last successful run, the target is <see cref="TargetStatus.UpToDate"/>: it does not run, and what
    /// it declared with <c>Outputs</c> is restored from that run (a path it handed on that is gone makes it run).
    /// <c>--force</c> runs it anyway. A target that declares no inputs runs every time.
    /// <code>.Inputs(i =&gt; i.Files(ServiceDirectory, "*", "!*.md").Parameter(() =&gt; Configuration).Value("dotnet", DotNetVersionAsync))</code>
    /// </summary>
    ITargetDefinition Inputs(Action<ITargetInputs> inputs);

    /// <summary>
    /// A check run when the target would be up to date, after what it handed on was restored: what it made outside
    /// the files the engine can see may be gone (an image removed from the Docker engine). A non-null answer is why it
    /// runs after all (<c>the image sha256:… is no longer in the engine</c>); null keeps it up to date. The token is the target's.
    /// </summary>
    ITargetDefinition StillValid(Func<CancellationToken, Task<string?>> check);

    /// <summary>
    /// How long the target may run: past it, its token is cancelled and it fails (not aborted) with a message
    /// naming the timeout. Child processes started with <see cref="ProcessExtensions.RunProcessAsync"/> are killed
    /// with their whole tree; code of your own must honour the token.
    /// </summary>
    ITargetDefinition Timeout(TimeSpan timeout);
}
