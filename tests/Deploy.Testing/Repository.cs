namespace Deploy.Testing;

/// <summary>This repository's checkout, found from the test assembly's location.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string Sample => Path.Combine(Root, "samples", "hello-service");

    /// <summary>Copies a directory tree, leaving out build output (bin, obj).</summary>
    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "TestResults")))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Deploy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Deploy.sln above {AppContext.BaseDirectory}.");
    }
}
