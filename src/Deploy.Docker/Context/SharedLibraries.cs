using System.Text.RegularExpressions;
using Deploy.Build.Processes;

namespace Deploy.Docker.Context;

/// <summary>
/// The shared libraries a published service needs from this machine, found with <c>ldd</c> on its executables
/// and native libraries: what a <c>FROM scratch</c> image has to carry (libc, libm, libstdc++, libgcc_s, the
/// dynamic loader, …). Each is staged at its own path, so the loader finds it where it looks on this machine.
/// </summary>
internal static partial class SharedLibraries
{
    /// <summary>Where the libraries go in the context; a Dockerfile copies them with <c>COPY .deploy/rootfs/ /</c>.</summary>
    public const string Prefix = ".deploy/rootfs";

    /// <summary>
    /// The libraries the ELF files in <paramref name="publishDirectory"/> (top level) link against, as context files
    /// under <see cref="Prefix"/>. Libraries that are in the publish directory itself are left out. <c>ldd</c> runs with
    /// <paramref name="environment"/> (the build's); cancelling kills it.
    /// </summary>
    public static async Task<IReadOnlyList<ContextFile>> GatherAsync(
        string publishDirectory, IReadOnlyDictionary<string, string> environment, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var runner = new ProcessRunner(time);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(publishDirectory).Where(IsElf))
        {
            foreach (var library in await LddAsync(runner, file, environment, cancellationToken).ConfigureAwait(false))
            {
                if (!string.Equals(Path.GetDirectoryName(library), Path.GetFullPath(publishDirectory), StringComparison.Ordinal))
                {
                    paths.Add(library);
                }
            }
        }

        return paths.Select(p => new ContextFile(Prefix + p, p)).ToList();
    }

    /// <summary>The absolute library paths in <c>ldd</c>'s output (<c>libc.so.6 =&gt; /lib/…/libc.so.6 (0x…)</c>, <c>/lib64/ld-linux-x86-64.so.2 (0x…)</c>).</summary>
    internal static IEnumerable<string> ParseLdd(string output) =>
        LddLine().Matches(output).Select(m => m.Groups["path"].Value);

    private static async Task<IReadOnlyList<string>> LddAsync(
        ProcessRunner runner, string file, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var result = await runner.RunAsync(new ProcessRequest("ldd", [file]) { Environment = environment, Output = output.Add }, cancellationToken).ConfigureAwait(false);

        // ldd exits non-zero for a statically linked file ("not a dynamic executable"): it needs nothing.
        return result.ExitCode == 0 ? ParseLdd(string.Join('\n', output)).ToList() : [];
    }

    private static bool IsElf(string file)
    {
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(file);
        return stream.Read(magic) == 4 && magic.SequenceEqual("\u007fELF"u8);
    }

    [GeneratedRegex(@"(?:=>\s*|^\s*)(?<path>/[^\s]+)\s+\(0x", RegexOptions.Multiline)]
    private static partial Regex LddLine();
}
