namespace Deploy.DotNet.Toolchains;

/// <summary>What a .NET project builds.</summary>
internal enum ProjectKind
{
    Library,
    Executable,
    Web,
    Test,
}
