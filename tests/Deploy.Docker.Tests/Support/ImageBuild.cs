using Deploy.Build;
using Deploy.DotNet;

namespace Deploy.Docker.Tests.Support;

/// <summary>
/// A build composing Compile, Image and Push over a service somewhere on disk, without the stock IRollout: it gives
/// Image the glue itself (the service's source and directory, the commit, what Compile published).
/// </summary>
internal sealed class ImageBuild(string sourceDirectory, string? revision = null) : DeployBuild, ICompile, IPush
{
    string IToolchain.SourceDirectory => sourceDirectory;

    string? ICompile.SourceRevision => revision;

    string IImage.ImageSourceDirectory => sourceDirectory;

    string IImage.ServiceDirectory => ((IToolchain)this).ProjectDirectory;

    string? IImage.ImageRevision => revision;

    string? IImage.ImageSourceUrl => "https://example.com/deploy.git";

    string? IImage.PublishedDirectory => ((ICompile)this).Published?.Directory;

    IReadOnlyList<Target> IImage.ImagePrerequisites => [((ICompile)this).Compile];

    // Other names than the components' own: a class member named like an interface member implements it.
    public ContainerImage? LastImage => ((IImage)this).BuiltImage;

    public PushedImage? LastPush => ((IPush)this).Pushed;
}
