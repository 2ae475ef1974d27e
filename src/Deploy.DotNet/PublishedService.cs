namespace Deploy.DotNet;

/// <summary>What <c>Compile</c> published: the directory an image copies, and the command that starts the service in it.</summary>
/// <param name="Directory">The publish directory (absolute).</param>
/// <param name="Command">The command that starts the service, relative to <paramref name="Directory"/>
/// (<c>["./HelloService"]</c>, or <c>["dotnet", "HelloService.dll"]</c> when not self-contained); empty when it has no single entry point.</param>
/// <param name="Runtime">The runtime identifier it was published for.</param>
/// <param name="SelfContained">Whether it carries its own runtime (a Go binary always does).</param>
public sealed record PublishedService(string Directory, IReadOnlyList<string> Command, string Runtime, bool SelfContained);
