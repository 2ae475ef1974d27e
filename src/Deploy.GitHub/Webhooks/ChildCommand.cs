namespace Deploy.GitHub.Webhooks;

/// <summary>
/// How to start the build as a child: <paramref name="Program"/> and the arguments before the per-run ones
/// (<c>dotnet</c>, <c>[build.dll, Rollout]</c>), the arguments after them, and the environment changes. Secrets
/// travel in <paramref name="Environment"/>, never in arguments.
/// </summary>
internal sealed record ChildCommand(
    string Program,
    IReadOnlyList<string> Leading,
    IReadOnlyList<string> Trailing,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> RemoveEnvironment,
    bool PassRepository);
