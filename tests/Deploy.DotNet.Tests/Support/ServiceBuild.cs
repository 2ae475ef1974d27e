using Deploy.Build;

namespace Deploy.DotNet.Tests.Support;

/// <summary>A build that composes the toolchain targets over a service somewhere on disk, as build/Build.cs will over the clone.</summary>
internal sealed class ServiceBuild(string sourceDirectory, string? revision = null) : DeployBuild, IDotNet
{
    string IToolchain.SourceDirectory => sourceDirectory;

    string? ICompile.SourceRevision => revision;

    // Other names than the components' own: a class member named like an interface member implements it.
    public PublishedService? LastPublished => ((ICompile)this).Published;

    public TestSummary? LastTestResults => ((ITest)this).TestResults;
}
