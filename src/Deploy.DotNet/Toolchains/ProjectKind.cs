namespace Deploy.DotNet.Toolchains;

/// <summary>What a .NET project builds.</summary>
internal enum ProjectKind
{
    Library,
    Executable,
    Web,
    Test,

    /// <summary>A Deploy build (it references Deploy or Deploy.Build): never the service, never published.</summary>
    Build,
}
