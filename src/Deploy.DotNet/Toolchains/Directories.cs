namespace Deploy.DotNet.Toolchains;

/// <summary>Small file-system helpers the toolchains share.</summary>
internal static class Directories
{
    /// <summary>Creates the directory, deleting what was in it.</summary>
    public static void Empty(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }

    /// <summary>The path relative to <paramref name="root"/> when it is inside it, else as given (for messages).</summary>
    public static string Show(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
