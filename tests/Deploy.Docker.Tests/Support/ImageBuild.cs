using Deploy.Build;
using Deploy.DotNet;

namespace Deploy.Docker.Tests.Support;

/// <summary>A build composing Image and Push over a service somewhere on disk, as build/Build.cs does over the clone.</summary>
internal sealed class ImageBuild(string sourceDirectory, string? revision = null) : DeployBuild, IPush
{
    string IToolchain.SourceDirectory => sourceDirectory;

    string? ICompile.SourceRevision => revision;

    string? IImage.ImageSource => "https://example.com/deploy.git";

    // Other names than the components' own: a class member named like an interface member implements it.
    public ContainerImage? LastImage => ((IImage)this).BuiltImage;

    public PushedImage? LastPush => ((IPush)this).Pushed;
}
