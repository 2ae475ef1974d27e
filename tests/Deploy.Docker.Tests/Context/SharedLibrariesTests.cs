using Deploy.Docker.Context;

namespace Deploy.Docker.Tests.Context;

public sealed class SharedLibrariesTests
{
    [Fact]
    public void Ldd_output_gives_the_resolved_libraries_and_the_loader()
    {
        const string output = """
                linux-vdso.so.1 (0x00007ffd2b9f6000)
                libstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f1c1a000000)
                libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007f1c19f21000)
                libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1c19d40000)
                /lib64/ld-linux-x86-64.so.2 (0x00007f1c1a2a9000)
            """;

        Assert.Equal(
            ["/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libm.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"],
            SharedLibraries.ParseLdd(output));
    }

    [Fact]
    public async Task A_dynamically_linked_program_needs_libc_and_the_loader()
    {
        using var directory = new Support.ScratchContext();
        File.Copy("/bin/ls", Path.Combine(directory.Path, "ls"));

        var libraries = await SharedLibraries.GatherAsync(directory.Path, TestEnvironment.Variables, TimeProvider.System);

        Assert.Contains(libraries, l => l.EntryName.StartsWith(".deploy/rootfs/", StringComparison.Ordinal) && l.EntryName.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.Contains(libraries, l => Path.GetFileName(l.SourcePath).StartsWith("ld-linux", StringComparison.Ordinal));
    }
}
