namespace Deploy.Build;

/// <summary>
/// Marks a field or property as a build parameter, set from the command line (<c>--name</c>), an
/// environment variable (<c>NAME</c> or <c>DEPLOY_NAME</c>) or <c>.nuke/parameters.json</c>.
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
}
