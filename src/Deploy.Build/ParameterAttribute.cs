namespace Deploy.Build;

/// <summary>
/// Marks a field or property as a build parameter, set from, first to last: the command line (<c>--name</c>), the
/// environment variable <c>DEPLOY_NAME</c> (never the plain <c>NAME</c>: a stray variable must not steer a build),
/// <c>.nuke/parameters.&lt;profile&gt;.json</c>, <c>.nuke/parameters.json</c>.
/// On a component interface, declare a property that reads its value:
/// <c>[Parameter("…")] string? Repository => GetParameter&lt;string&gt;();</c>
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string? description = null) : Attribute
{
    /// <summary>Text shown by <c>--help</c>.</summary>
    public string? Description { get; } = description;

    /// <summary>Overrides the name derived from the member (<c>PushgatewayUrl</c> → <c>pushgateway-url</c>).</summary>
    public string? Name { get; set; }

    /// <summary>
    /// Another tool's environment variable that the component reads on purpose when this parameter is given
    /// nowhere (<c>DOCKER_HOST</c> for <c>--docker-host</c>, <c>KUBECONFIG</c> for <c>--kubeconfig</c>). The engine
    /// never reads it; <c>--help</c>, <c>.nuke/build.schema.json</c> and the README name it next to the parameter,
    /// so a user sees what feeds the value. The component reads it from <see cref="IDeployBuild.EnvironmentVariables"/>.
    /// </summary>
    public string? Convention { get; set; }

    /// <summary>
    /// Whether this is one of the few parameters a run is most often steered by (which commit, where to deploy).
    /// Where only some parameters can be offered, the build's own parameters and these are: the generated GitHub
    /// workflow makes them its <c>workflow_dispatch</c> inputs (GitHub allows 25).
    /// </summary>
    public bool Frequent { get; set; }
}
