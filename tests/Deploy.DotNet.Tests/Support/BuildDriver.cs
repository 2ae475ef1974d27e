using Deploy.Build;
using Deploy.Build.Cli;

namespace Deploy.DotNet.Tests.Support;

/// <summary>Runs a build in-process against a scratch root, capturing what it prints (as in Deploy.Build.Tests).</summary>
public sealed class BuildDriver : IDisposable
{
    private readonly TempDirectory _root = new("deploy-dotnet-root");

    public BuildDriver() => Directory.CreateDirectory(Path.Combine(Root, ".nuke"));

    public string Root => _root.Path;

    public string Temp => Path.Combine(Root, ".nuke", "temp");

    public async Task<BuildResult> RunAsync(DeployBuild build, string[] args, CancellationToken cancellation = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new BuildHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), new Dictionary<string, string>(), Root, TimeProvider.System, 2, cancellation);
        var exitCode = await BuildRunner.RunAsync(build, args, [], host);
        return new BuildResult(exitCode, output.ToString(), error.ToString(), Temp);
    }

    public void Dispose() => _root.Dispose();
}
