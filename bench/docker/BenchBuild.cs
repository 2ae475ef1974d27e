using Deploy.Build;
using Deploy.Docker;
using Deploy.DotNet;

namespace Deploy.Bench.Docker;

/// <summary>
/// A build composing Restore, Compile, Test, Image and Push over the directory in BENCH_SOURCE (default: the working
/// directory), as build/Build.cs does over the clone, with the glue between Image and Compile that the stock IRollout
/// would give. Targets and parameters come from the command line.
/// </summary>
internal sealed class BenchBuild : DeployBuild, IDotNet, IPush
{
    private static string Source => Environment.GetEnvironmentVariable("BENCH_SOURCE") ?? Environment.CurrentDirectory;

    private static string? Revision => Environment.GetEnvironmentVariable("BENCH_REVISION");

    string IToolchain.SourceDirectory => Source;

    string? ICompile.SourceRevision => Revision;

    string IImage.ImageSourceDirectory => Source;

    string IImage.ServiceDirectory => ((IToolchain)this).ProjectDirectory;

    string? IImage.ImageRevision => Revision;

    string? IImage.PublishedDirectory => ((ICompile)this).Published?.Directory;

    IReadOnlyList<Target> IImage.ImagePrerequisites => [((ICompile)this).Compile];

    public static int Main() => Execute<BenchBuild>(x => ((IImage)x).Image);
}
