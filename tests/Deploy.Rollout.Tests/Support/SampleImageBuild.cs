using Deploy.Build;
using Deploy.Docker;
using Deploy.DotNet;

namespace Deploy.Rollout.Tests.Support;

/// <summary>Compile and Image over a copy of the sample service, without Rollout: builds the real sample's image on the test engine.</summary>
internal sealed class SampleImageBuild(string sourceDirectory) : DeployBuild, ICompile, IImage
{
    string IToolchain.SourceDirectory => sourceDirectory;

    string IImage.ImageSourceDirectory => sourceDirectory;

    string IImage.ServiceDirectory => ((IToolchain)this).ProjectDirectory;

    string? IImage.PublishedDirectory => ((ICompile)this).Published?.Directory;

    IReadOnlyList<Target> IImage.ImagePrerequisites => [((ICompile)this).Compile];

    public ContainerImage? Built => ((IImage)this).BuiltImage;
}
