using Deploy.Docker.Context;

namespace Deploy.Docker.Building;

/// <summary>
/// One image build, validated: what the engine gets. <c>LeftOut</c> is a directory never sent even when it is inside
/// the context: the build's own <c>.nuke/temp</c> (its locks, run records and what Compile published, which is staged
/// apart), as it is never one of Image's inputs either.
/// </summary>
internal sealed record BuildRequest(
    string ContextDirectory,
    string Dockerfile,
    IReadOnlyList<string> References,
    IReadOnlyDictionary<string, string> BuildArgs,
    string? Target,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<(string Prefix, string Directory)> StagedDirectories,
    IReadOnlyList<ContextFile> StagedFiles,
    string? LeftOut = null);
