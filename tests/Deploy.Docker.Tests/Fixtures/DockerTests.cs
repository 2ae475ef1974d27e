namespace Deploy.Docker.Tests.Fixtures;

/// <summary>The tests that share one Docker engine; they run one class at a time (one engine, two cores).</summary>
[CollectionDefinition(Name)]
public sealed class DockerTests : ICollectionFixture<DockerFixture>
{
    public const string Name = "Docker engine";
}
