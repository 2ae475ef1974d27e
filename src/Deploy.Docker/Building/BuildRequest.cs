using Deploy.Docker.Context;

namespace Deploy.Docker.Building;

/// <summary>One image build, validated: what the engine gets.</summary>
internal sealed record BuildRequest(
    string ContextDirectory,
    string Dockerfile,
    IReadOnlyList<string> References,
    IReadOnlyDictionary<string, string> BuildArgs,
    string? Target,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<(string Prefix, string Directory)> StagedDirectories,
    IReadOnlyList<ContextFile> StagedFiles);
