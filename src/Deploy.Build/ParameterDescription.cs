namespace Deploy.Build;

/// <summary>A parameter of the build, and the value it resolved to.</summary>
/// <param name="Name">Its name in <c>.nuke/parameters.json</c>: <c>PushgatewayUrl</c>.</param>
/// <param name="CliName">Its command-line name without dashes: <c>pushgateway-url</c>.</param>
/// <param name="EnvironmentName">Its name in upper snake case, <c>PUSHGATEWAY_URL</c>: the build reads it from the environment variable <c>DEPLOY_PUSHGATEWAY_URL</c> only.</param>
/// <param name="Description">What it is for, or null.</param>
/// <param name="IsSecret">Whether it is a [Secret]: its value is masked in logs and never belongs on a command line.</param>
/// <param name="ValueType">Its .NET type (string, bool, int, TimeSpan, Uri, an enum, or an array of one).</param>
/// <param name="Default">Its value when nothing is given (null for secrets).</param>
/// <param name="Value">The value it resolved to for this invocation; null when none was given, and always for secrets (a component reads its own).</param>
/// <param name="CommandLineValues">
/// The values typed on the command line for it, or null when it was not on the command line; secrets included, so
/// a command that starts the build again can hand them on (in its environment, never on a command line).
/// </param>
/// <param name="IsFrequent">
/// Whether it is one of the parameters a run is most often steered by (<see cref="ParameterAttribute.Frequent"/>).
/// </param>
/// <param name="Component">The component interface that declares it (<c>IRollout</c>), or null when the build's own class does.</param>
public sealed record ParameterDescription(
    string Name,
    string CliName,
    string EnvironmentName,
    string? Description,
    bool IsSecret,
    Type ValueType,
    object? Default,
    object? Value,
    IReadOnlyList<string>? CommandLineValues,
    bool IsFrequent,
    string? Component);
