namespace Deploy.Build;

/// <summary>
/// A build target: a property of a build (or a default member of a component interface the build
/// implements) whose body configures the target through the fluent <see cref="ITargetDefinition"/>.
/// </summary>
/// <example><code>Target Compile => _ => _.DependsOn(Restore).Executes(async ct => await CompileAsync(ct));</code></example>
public delegate ITargetDefinition Target(ITargetDefinition _);
