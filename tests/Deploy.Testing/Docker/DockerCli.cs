using System.Formats.Tar;

namespace Deploy.Testing.Docker;

/// <summary>The <c>docker</c> CLI (Debian's <c>/usr/bin/docker</c> first) pointed at one engine, for test set-up and checks.</summary>
public sealed class DockerCli
{
    /// <summary>Files the engine puts into every container: not the image's.</summary>
    private static readonly HashSet<string> ContainerRuntimeFiles = new(StringComparer.Ordinal)
    {
        ".dockerenv", "etc/hostname", "etc/hosts", "etc/mtab", "etc/resolv.conf",
    };

    internal DockerCli(string host)
    {
        Host = host;
        ConfigDirectory = Directory.CreateTempSubdirectory("docker-cli-config-").FullName;
    }

    /// <summary>The engine's <c>DOCKER_HOST</c>.</summary>
    public string Host { get; }

    /// <summary>The CLI's own <c>DOCKER_CONFIG</c> (what <c>docker login</c> writes), removed with the daemon fixture.</summary>
    public string ConfigDirectory { get; }

    /// <summary>Runs <c>docker ARGS</c>; returns what it printed on stdout, trimmed.</summary>
    /// <exception cref="InvalidOperationException">It exited non-zero; the message has the command and both outputs.</exception>
    public async Task<string> RunAsync(IEnumerable<string> arguments, string? input = null, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var (exitCode, output, error) = await TryRunAsync(list, input, cancellationToken);
        return exitCode == 0
            ? output.Trim()
            : throw new InvalidOperationException($"`docker {string.Join(' ', list)}` exited with {exitCode}:\n{output}\n{error}");
    }

    /// <summary>Runs <c>docker ARGS</c> and returns its exit code and outputs, whatever they are.</summary>
    public async Task<ProcessOutput> TryRunAsync(IEnumerable<string> arguments, string? input = null, CancellationToken cancellationToken = default)
    {
        var program = TestEnvironment.FindProgram("/usr/bin/docker", "docker") ?? throw new InvalidOperationException(
            $"The docker CLI is not installed: install it with `sudo apt-get install -y {DockerDaemon.Package}`.");

        // A config of its own: no credentials from the machine, none left behind.
        var environment = new Dictionary<string, string?> { ["DOCKER_HOST"] = Host, ["DOCKER_CONFIG"] = ConfigDirectory };
        return await TestProcess.RunAsync(program, arguments, environment: environment, deadline: TimeSpan.FromMinutes(5), input: input, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Makes an image <paramref name="reference"/> from the files in <paramref name="directory"/> with <c>docker import</c>
    /// (no registry needed), applying Dockerfile <paramref name="changes"/> such as <c>CMD ["/app"]</c>. Returns its ID.
    /// </summary>
    public async Task<string> ImportAsync(string reference, string directory, IEnumerable<string>? changes = null, CancellationToken cancellationToken = default)
    {
        var scratch = Directory.CreateTempSubdirectory("docker-import-");
        try
        {
            var tar = Path.Combine(scratch.FullName, "rootfs.tar");
            await TarFile.CreateFromDirectoryAsync(directory, tar, includeBaseDirectory: false, cancellationToken);
            var arguments = new List<string> { "import" };
            foreach (var change in changes ?? [])
            {
                arguments.Add("--change");
                arguments.Add(change);
            }

            arguments.Add(tar);
            arguments.Add(reference);
            return await RunAsync(arguments, cancellationToken: cancellationToken);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The paths of the files in <paramref name="image"/>'s filesystem (<c>docker create</c> + <c>docker export</c>), without a
    /// leading '/': what reached the image, even one without a shell (the files the engine adds to every container left out). <paramref name="under"/> keeps those below a directory.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListFilesAsync(string image, string under = "", CancellationToken cancellationToken = default)
    {
        var container = await RunAsync(["create", image, "/nothing-runs"], cancellationToken: cancellationToken);
        var scratch = Directory.CreateTempSubdirectory("docker-export-");
        try
        {
            var tar = Path.Combine(scratch.FullName, "container.tar");
            await RunAsync(["export", "--output", tar, container], cancellationToken: cancellationToken);
            var files = new List<string>();
            await using var stream = File.OpenRead(tar);
            using var reader = new TarReader(stream);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name.TrimStart('/');
                if (entry.EntryType is not TarEntryType.Directory && name.StartsWith(under.TrimStart('/'), StringComparison.Ordinal) && !ContainerRuntimeFiles.Contains(name) &&
                    !name.StartsWith("dev/", StringComparison.Ordinal))
                {
                    files.Add(name);
                }
            }

            return files;
        }
        finally
        {
            scratch.Delete(recursive: true);
            await TryRunAsync(["rm", "--force", container], cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>Removes images and containers, ignoring the ones already gone (clean-up).</summary>
    public async Task RemoveAsync(IEnumerable<string> imagesOrContainers, CancellationToken cancellationToken = default)
    {
        foreach (var name in imagesOrContainers)
        {
            await TryRunAsync(["rm", "--force", name], cancellationToken: cancellationToken);
            await TryRunAsync(["rmi", "--force", name], cancellationToken: cancellationToken);
        }
    }
}
