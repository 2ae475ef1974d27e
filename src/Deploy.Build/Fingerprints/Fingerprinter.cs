using System.Collections;
using System.Globalization;
using System.Text;
using Deploy.Build.Definition;

namespace Deploy.Build.Fingerprints;

/// <summary>
/// Computes a target's <see cref="Fingerprint"/> from what it declared with <see cref="ITargetDefinition.Inputs"/>
/// (read now: files by content, values as text), what the targets it needs passed on (<see cref="Contributions"/>),
/// and the build's code (<see cref="BuildIdentity"/>), in that order: the first input that changed is the reason.
/// </summary>
/// <param name="rootDirectory">The build's root: relative directories start there, and reasons name files from it.</param>
/// <param name="hashes">The content-hash cache.</param>
/// <param name="buildIdentity">The build's code (computed once, when the first target needs it).</param>
/// <param name="parameterName">The command-line name (<c>--configuration</c>) of the parameter a member name (<c>Configuration</c>) is, or null.</param>
internal sealed class Fingerprinter(string rootDirectory, FileHashes hashes, Lazy<string> buildIdentity, Func<string, string?> parameterName)
{
    public const string BuildName = "the build";

    private readonly string _never = Path.Combine(rootDirectory, ".nuke", "temp");

    public FileHashes Hashes => hashes;

    /// <summary>The run's fingerprinter: the build's code, its parameters' names, the root's hash cache (none kept: <c>--plan</c>).</summary>
    public static Fingerprinter For(string rootDirectory, object build, IReadOnlyList<Parameters.ParameterDescriptor> parameters, bool keepHashes) => new(
        rootDirectory,
        new FileHashes(keepHashes ? Path.Combine(rootDirectory, ".nuke", "temp") : null),
        new Lazy<string>(() => BuildIdentity.Of(build.GetType())),
        member => parameters.FirstOrDefault(p => p.MemberName == member) is { } parameter ? "--" + parameter.CliName : null);

    /// <param name="target">The target.</param>
    /// <param name="needs">Each target it needs, in plan order, with what it passed on (null: not known yet).</param>
    /// <param name="cancellationToken">The target's token.</param>
    public async Task<Fingerprint> ComputeAsync(TargetSpec target, IReadOnlyList<(string Name, string? Contribution)> needs, CancellationToken cancellationToken = default)
    {
        var inputs = new List<InputDigest>(target.Inputs.Count + needs.Count + 1);
        foreach (var input in target.Inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            inputs.Add(input.Kind switch
            {
                InputKind.Files => Files(input.Directory!(), input.Patterns, cancellationToken),
                InputKind.Paths => Paths(input.Paths!(), cancellationToken),
                InputKind.Parameter => Value(parameterName(input.Name) ?? input.Name, await input.Value!(cancellationToken).ConfigureAwait(false)),
                _ => Value(input.Name, await input.Value!(cancellationToken).ConfigureAwait(false)),
            });
        }

        inputs.AddRange(needs.Select(n => new InputDigest(InputDigestKind.Target, n.Name, n.Contribution)));
        inputs.Add(new InputDigest(InputDigestKind.Build, BuildName, buildIdentity.Value));
        return Fingerprint.Of(inputs);
    }

    /// <summary>
    /// The fingerprint again with its files read anew and everything else as it was: after the target ran, whether
    /// a file it reads changed meanwhile (then what it made may not match the fingerprint taken before it started).
    /// </summary>
    public Fingerprint Refresh(TargetSpec target, Fingerprint before, CancellationToken cancellationToken = default)
    {
        var inputs = before.Inputs.ToList();
        for (var i = 0; i < target.Inputs.Count; i++)
        {
            var input = target.Inputs[i];
            if (input.Kind == InputKind.Files)
            {
                inputs[i] = Files(input.Directory!(), input.Patterns, cancellationToken);
            }
            else if (input.Kind == InputKind.Paths)
            {
                inputs[i] = Paths(input.Paths!(), cancellationToken);
            }
        }

        return Fingerprint.Of(inputs);
    }

    private InputDigest Files(string? directory, IReadOnlyList<string> patterns, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return Digest("(no directory)", []);
        }

        var full = Path.GetFullPath(directory, rootDirectory);
        var shown = Show(full);
        var selection = patterns.Select(PathPattern.Parse).OfType<PathPattern>().ToList();
        var files = FileTree.Select(full, selection, _never, cancellationToken);
        var prefix = shown == "." ? "" : shown + "/";
        return Digest(shown, Hash(files, file => prefix + file.Path, cancellationToken));
    }

    private InputDigest Paths(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var files = new List<TreeFile>();
        foreach (var full in paths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Path.GetFullPath(p, rootDirectory)).Distinct(StringComparer.Ordinal))
        {
            var shown = Show(full);
            if (Directory.Exists(full))
            {
                files.AddRange(FileTree.Select(full, [], _never, cancellationToken).Select(f => f with { Path = shown == "." ? f.Path : shown + "/" + f.Path }));
                continue;
            }

            var info = new FileInfo(full);
            files.Add(info.Exists
                ? new TreeFile(shown, full, info.Length, info.LastWriteTimeUtc.Ticks, info.LinkTarget is not null)
                : new TreeFile(shown, full, -1, 0, false));
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return Digest("files", Hash(files.DistinctBy(f => f.Path).ToList(), file => file.Path, cancellationToken));
    }

    private List<FileDigest> Hash(List<TreeFile> files, Func<TreeFile, string> name, CancellationToken cancellationToken)
    {
        var contents = hashes.HashAll(files, cancellationToken);
        var digests = new List<FileDigest>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            digests.Add(new FileDigest(name(files[i]), Convert.ToHexStringLower(contents[i])));
        }

        return digests;
    }

    /// <summary>A set of files: SHA-256 over each one's path and content hash, in path order.</summary>
    private static InputDigest Digest(string name, List<FileDigest> files)
    {
        var text = new StringBuilder(files.Count * 100);
        foreach (var file in files)
        {
            text.Append(file.Path).Append('\0').Append(file.Hash).Append('\n');
        }

        return new InputDigest(InputDigestKind.Files, name, Fingerprint.Hex(Encoding.UTF8.GetBytes(text.ToString())), files);
    }

    private static InputDigest Value(string name, object? value) => new(InputDigestKind.Value, name, Fingerprint.Hex(Text(value)));

    /// <summary>A value as text: strings as they are, lists item by item, numbers and dates in the invariant culture.</summary>
    internal static string Text(object? value) => value switch
    {
        null => "\u0001null",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "\u0001[" + string.Join('\0', items.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>A path as reasons show it: relative to the root (<c>src/Program.cs</c>, <c>.</c> for the root), else absolute.</summary>
    private string Show(string full)
    {
        var relative = Path.GetRelativePath(rootDirectory, full);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? full.Replace('\\', '/')
            : relative.Replace('\\', '/');
    }
}
