using Deploy.DotNet.Tests.Support;

namespace Deploy.DotNet.Tests.Fixtures;

/// <summary>
/// The sample service, restored, compiled, published and tested once through the components for every test
/// that looks at the outcome (the slow part of this suite). It is copied into a checkout-like layout whose root
/// holds this repository's Directory.Build.props and Directory.Packages.props, as in a clone of this
/// repository: the sample must build with its own settings, not those.
/// </summary>
public sealed class SampleService : IAsyncLifetime, IDisposable
{
    public const string Revision = "0123456789abcdef0123456789abcdef01234567";

    private readonly TempDirectory _source = new("deploy-sample");

    internal BuildDriver Driver { get; } = new();

    internal ServiceBuild Build { get; private set; } = null!;

    internal BuildResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        File.Copy(Path.Combine(Repository.Root, "Directory.Build.props"), Path.Combine(_source.Path, "Directory.Build.props"));
        File.Copy(Path.Combine(Repository.Root, "Directory.Packages.props"), Path.Combine(_source.Path, "Directory.Packages.props"));
        Repository.Copy(Repository.Sample, Path.Combine(_source.Path, "samples", "hello-service"));

        Build = new ServiceBuild(_source.Path, Revision);
        Result = await Driver.RunAsync(Build, ["Test", "--project", "samples/hello-service"]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Driver.Dispose();
        _source.Dispose();
    }
}
