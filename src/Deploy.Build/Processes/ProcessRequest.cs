namespace Deploy.Build.Processes;

/// <summary>
/// A program to run as a child process, without a shell: what <see cref="ProcessRunner"/> starts. An immutable value;
/// change it with <c>with</c>. The child's environment is <see cref="Environment"/> (the build's), then
/// <c>TRACEPARENT</c>/<c>TRACESTATE</c> of the current span, then <see cref="EnvironmentChanges"/>: nothing of this
/// process's own environment is inherited.
/// </summary>
/// <param name="Program">The program: a name looked up on the PATH of <see cref="Environment"/>, or a path.</param>
/// <param name="Arguments">Its arguments, passed as they are (no quoting needed).</param>
public sealed record ProcessRequest(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Where it runs. Null: this process's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The child's base environment, usually <see cref="IDeployBuild.EnvironmentVariables"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Variables set (or, with a null value, removed) on top of <see cref="Environment"/> and the trace context.</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentChanges { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Written to the program's stdin, which is then closed: the way to hand a child a secret (with the environment),
    /// never its arguments. Null: stdin is closed at once, so a program that asks for input gets end-of-file.
    /// </summary>
    public string? StandardInput { get; init; }

    /// <summary>Gets each line the program writes to stdout, as it comes. Null: the lines are only kept for the error.</summary>
    public Action<string>? Output { get; init; }

    /// <summary>Gets each line the program writes to stderr, as it comes. Null: the lines are only kept for the error.</summary>
    public Action<string>? Error { get; init; }

    /// <summary>
    /// How long a process being stopped (cancelled, disposed) gets to end after SIGTERM before its whole tree is
    /// killed. Zero (the default): the tree is killed at once. Windows has no SIGTERM: there it is always killed.
    /// </summary>
    public TimeSpan StopGrace { get; init; }

    /// <summary>The program and its arguments as a log line shows them.</summary>
    public override string ToString() => string.Join(' ', [Program, .. Arguments]);
}
