using System.Formats.Tar;
using Deploy.Docker.Context;
using Deploy.Docker.Tests.Support;

namespace Deploy.Docker.Tests.Context;

/// <summary>The context tar, read back without an engine.</summary>
public sealed class ContextArchiveTests
{
    [Fact]
    public async Task The_tar_holds_what_the_rules_let_through_and_the_staged_files()
    {
        using var context = new ScratchContext()
            .With("Dockerfile", "FROM scratch")
            .With(".dockerignore", "*.log\n!keep.log\n**/secret.txt\ntemp")
            .With("app.txt").With("drop.log").With("keep.log").With("a/b/secret.txt").With("a/b/c.txt").With("temp/x.txt");
        using var staged = new ScratchContext().With("HelloService").With("lib/native.so");
        var library = Path.Combine(staged.Path, "HelloService");
        var ignore = await DockerIgnore.ReadAsync(context.Path, "Dockerfile");
        var tar = new ContextArchive(context.Path, ignore, [(".deploy/publish", staged.Path)], [new ContextFile(".deploy/rootfs/lib/x/libc.so.6", library)]);

        var names = await NamesAsync(tar);

        Assert.Equal(
            [".deploy/publish/HelloService", ".deploy/publish/lib/native.so", ".deploy/rootfs/lib/x/libc.so.6", ".dockerignore", "Dockerfile", "a/b/c.txt", "app.txt", "keep.log"],
            names.Where(n => !n.EndsWith('/')).Order(StringComparer.Ordinal));
        Assert.Contains("a/", names);
        Assert.DoesNotContain("temp/", names);
    }

    [Fact]
    public async Task A_Dockerfile_in_a_directory_the_rules_exclude_is_still_sent_and_nothing_else_of_it()
    {
        // A .dockerignore of "*" (the image holds only what Image stages) and --dockerfile build/Dockerfile, as a
        // build written by dotnet new deploy has: Docker sends the Dockerfile anyway, so must we.
        using var context = new ScratchContext()
            .With(".dockerignore", "*")
            .With("build/Dockerfile", "FROM scratch").With("build/Build.cs").With("src/Program.cs");
        var tar = new ContextArchive(context.Path, await DockerIgnore.ReadAsync(context.Path, "build/Dockerfile"));

        var names = await NamesAsync(tar);

        Assert.Equal([".dockerignore", "build/Dockerfile"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_builds_own_temp_directory_inside_the_context_is_never_sent()
    {
        // A service at the repository's root with no .dockerignore: the context is the build root, and .nuke/temp
        // holds the run's lock (held open while Image runs), its records and what Compile published.
        using var context = new ScratchContext()
            .With("Dockerfile", "FROM scratch").With("main.go")
            .With(".nuke/parameters.json", "{}").With(".nuke/temp/run.lock").With(".nuke/temp/publish/hello");
        var tar = new ContextArchive(context.Path, await DockerIgnore.ReadAsync(context.Path, "Dockerfile"), leftOut: Path.Combine(context.Path, ".nuke", "temp"));

        var names = await NamesAsync(tar);

        Assert.Equal([".nuke/", ".nuke/parameters.json", "Dockerfile", "main.go"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_pipe_delivers_the_same_tar_as_a_direct_write()
    {
        using var context = new ScratchContext().With("Dockerfile", "FROM scratch").With("big.bin", new string('x', 3 * 1024 * 1024));
        var tar = new ContextArchive(context.Path, await DockerIgnore.ReadAsync(context.Path, "Dockerfile"));
        using var direct = new MemoryStream();
        await tar.WriteAsync(direct);

        var (reader, completion) = tar.Open(CancellationToken.None);
        using var piped = new MemoryStream();
        await reader.CopyToAsync(piped);
        await completion;

        Assert.Equal(direct.Length, piped.Length);
        Assert.Equal(direct.ToArray(), piped.ToArray());
    }

    private static async Task<List<string>> NamesAsync(ContextArchive context)
    {
        using var buffer = new MemoryStream();
        await context.WriteAsync(buffer);
        buffer.Position = 0;
        var names = new List<string>();
        using var reader = new TarReader(buffer);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}
