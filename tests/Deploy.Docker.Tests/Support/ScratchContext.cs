namespace Deploy.Docker.Tests.Support;

/// <summary>A build context in a temp directory: files written by the test, deleted on dispose.</summary>
internal sealed class ScratchContext : IDisposable
{
    public ScratchContext() => Path = Directory.CreateTempSubdirectory("deploy-context-").FullName;

    public string Path { get; }

    public ScratchContext With(string relativePath, string content = "x")
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
