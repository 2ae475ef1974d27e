using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace Deploy.Build.Fingerprints;

/// <summary>
/// The build's own code as an input of every target: the module version ids of the build's assembly and of every
/// assembly it references that ships beside it (the Deploy packages, the libraries they use), followed through
/// their references, plus the runtime's version. The compiler derives a module version id from the compiled content
/// (deterministic builds, the SDK's default), so the same sources give the same id and any change to the code gives
/// another. Assemblies not loaded yet are read from their metadata, never loaded.
/// </summary>
internal static class BuildIdentity
{
    public static string Of(Type buildType)
    {
        var build = buildType.Assembly;
        var directory = Path.GetDirectoryName(build.Location) is { Length: > 0 } location ? location : AppContext.BaseDirectory;
        var loaded = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic)
            .GroupBy(a => a.GetName().Name ?? "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var ids = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [build.GetName().Name ?? ""] = build.ManifestModule.ModuleVersionId.ToString("N"),
        };
        var pending = new Queue<string>(build.GetReferencedAssemblies().Select(r => r.Name ?? "").Where(n => n.Length > 0));
        while (pending.TryDequeue(out var name))
        {
            if (ids.ContainsKey(name))
            {
                continue;
            }

            var file = Path.Combine(directory, name + ".dll");
            if (!File.Exists(file))
            {
                // The shared framework: its version below stands for it.
                ids[name] = "";
                continue;
            }

            var (id, references) = loaded.TryGetValue(name, out var assembly) && string.Equals(assembly.Location, file, StringComparison.Ordinal)
                ? (assembly.ManifestModule.ModuleVersionId.ToString("N"), assembly.GetReferencedAssemblies().Select(r => r.Name ?? ""))
                : Read(file);
            ids[name] = id;
            foreach (var reference in references.Where(r => r.Length > 0 && !ids.ContainsKey(r)))
            {
                pending.Enqueue(reference);
            }
        }

        return Fingerprint.Hex([RuntimeInformation.FrameworkDescription, .. ids.Where(i => i.Value.Length > 0).Select(i => $"{i.Key}={i.Value}")]);
    }

    /// <summary>The module version id and the referenced assembly names, from the file's metadata.</summary>
    private static (string Id, IEnumerable<string> References) Read(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return (Fingerprint.Hex(File.ReadAllBytes(file)), []);
            }

            var metadata = pe.GetMetadataReader();
            var id = metadata.GetGuid(metadata.GetModuleDefinition().Mvid).ToString("N");
            var references = metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();
            return (id, references);
        }
        catch (BadImageFormatException)
        {
            return (Fingerprint.Hex(File.ReadAllBytes(file)), []);
        }
    }
}
