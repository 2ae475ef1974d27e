using Deploy.Build;

namespace Deploy.DotNet;

/// <summary>No toolchain (or more than one candidate) was found where the service should be.</summary>
public sealed class ToolchainNotFoundException : DeployException
{
    /// <summary>Creates the exception for <paramref name="path"/>; the message says what was looked for and what to change.</summary>
    public ToolchainNotFoundException(string path, string message)
        : base(message)
    {
        Path = path;
    }

    /// <summary>The directory or file that was searched.</summary>
    public string Path { get; }
}
