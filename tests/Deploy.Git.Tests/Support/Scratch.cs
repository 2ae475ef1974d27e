namespace Deploy.Git.Tests.Support;

/// <summary>Temporary directories for the tests, removed afterwards (git's read-only object files included).</summary>
public static class Scratch
{
    public static string Directory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"deploy-git-{purpose}-{Guid.NewGuid():N}"[..40]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        var directory = new DirectoryInfo(path);
        if (!directory.Exists)
        {
            return;
        }

        foreach (var file in directory.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal;
        }

        directory.Delete(recursive: true);
    }
}
