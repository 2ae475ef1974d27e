namespace Deploy.Build.Tests.Support;

/// <summary>A scratch build root (a temp directory holding .nuke/), deleted on dispose.</summary>
public sealed class TempRoot : IDisposable
{
    public TempRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "deploy-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
    }

    public string Path { get; }

    public string Temp => System.IO.Path.Combine(Path, ".nuke", "temp");

    public void WriteParameters(string json, string? profile = null) =>
        File.WriteAllText(System.IO.Path.Combine(Path, ".nuke", profile is null ? "parameters.json" : $"parameters.{profile}.json"), json);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
