using Deploy.Build;
using Deploy.Docker;
using Deploy.DotNet;

namespace Deploy.Bench.Docker;

/// <summary>
/// A build composing Restore, Compile, Test, Image and Push over the directory in BENCH_SOURCE (default: the working directory), as
/// build/Build.cs does over the clone. Targets and parameters come from the command line.
/// </summary>
internal sealed class BenchBuild : DeployBuild, IDotNet, IPush
{
    string IToolchain.SourceDirectory => Environment.GetEnvironmentVariable("BENCH_SOURCE") ?? Environment.CurrentDirectory;

    string? ICompile.SourceRevision => Environment.GetEnvironmentVariable("BENCH_REVISION");

    public static int Main() => Execute<BenchBuild>(x => ((IImage)x).Image);
}
