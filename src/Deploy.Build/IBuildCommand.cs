namespace Deploy.Build;

/// <summary>
/// Something a build component does instead of running targets, claimed by an option on the command line
/// (<c>--generate-workflow github</c>, <c>--serve</c>). A component offers one as a property of this type:
/// <code>IBuildCommand WorkflowCommand =&gt; new WorkflowCommand(this);</code>
/// The engine reads such properties before it resolves parameters (so a command reads parameters in
/// <see cref="RunAsync"/>, not when it is created), takes the command's options off the command line,
/// resolves the build's parameters as for a run and hands over instead of planning.
/// </summary>
public interface IBuildCommand
{
    /// <summary>The option that invokes it, without dashes, e.g. <c>generate-workflow</c>.</summary>
    string Name { get; }

    /// <summary>Options that only mean something with <see cref="Name"/> (e.g. <c>check</c>), without dashes.</summary>
    IReadOnlyList<string> Modifiers { get; }

    /// <summary>Its line in <c>--help</c>: <c>--generate-workflow github [--check]</c>.</summary>
    string Usage { get; }

    /// <summary>What it does, for <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Does the work and returns the process's exit code (<see cref="ExitCodes"/>: 0 done, 1 failed, 2 bad invocation).</summary>
    Task<int> RunAsync(BuildCommandContext context, CancellationToken cancellationToken = default);
}
