using System.Reflection;
using Deploy.Build.Cli;
using Deploy.Build.Logging;

namespace Deploy.Build.Parameters;

/// <summary>
/// Gives each parameter its value from, first to last: the command line, the environment variable
/// <c>DEPLOY_NAME</c>, the profile's parameters file, <c>.nuke/parameters.json</c>. The plain <c>NAME</c> is never
/// read: generic names (<c>CONTAINER_NAME</c>, <c>REF</c>, <c>NAMESPACE</c>) are often set in CI and cloud shells
/// for other purposes, and a build must not act on a value nobody gave it (issue 12). Every problem is reported,
/// with the value (masked for secrets), its source and the expected form.
/// </summary>
internal static class ParameterResolver
{
    public static Dictionary<string, object?> Resolve(
        IReadOnlyList<ParameterDescriptor> parameters,
        IReadOnlyList<GivenValue> commandLine,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<ParameterFile> files,
        SecretMasker masker,
        List<string> problems,
        List<ResolvedParameter>? resolvedFrom = null)
    {
        var byName = parameters.ToDictionary(p => p.Normalized, StringComparer.Ordinal);
        var given = new Dictionary<ParameterDescriptor, List<string>>();
        foreach (var value in commandLine)
        {
            if (byName.TryGetValue(Names.Normalize(value.Name), out var parameter))
            {
                // Arrays collect repeated options (--label a=1 --label b=2); otherwise the last one wins.
                if (!given.TryGetValue(parameter, out var values) || !parameter.ValueType.IsArray)
                {
                    given[parameter] = values = [];
                }

                values.AddRange(value.Values);
                continue;
            }

            var nearest = Names.Nearest(value.Name, parameters.Select(p => p.CliName).Concat(CommandLine.Options));
            problems.Add(nearest is null
                ? $"Unknown parameter --{value.Name}. Run with --help to list the parameters."
                : $"Unknown parameter --{value.Name}. Did you mean --{nearest}?");
        }

        foreach (var file in files)
        {
            foreach (var (normalized, (key, _)) in file.Values)
            {
                if (!byName.ContainsKey(normalized))
                {
                    problems.Add($"Unknown parameter '{key}' in {file.Path}. Remove it, or declare a [Parameter] named {key}.");
                }
            }
        }

        var resolved = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var (values, source) = Find(parameter, given, environment, files);
            if (values is null)
            {
                continue;
            }

            resolvedFrom?.Add(new ResolvedParameter(parameter, source, values));

            if (parameter.IsSecret)
            {
                foreach (var value in values)
                {
                    masker.Add(value);
                }
            }

            if (ParameterConverter.TryConvert(parameter.ValueType, values, out var converted, out var expected))
            {
                resolved[parameter.MemberName] = converted;
                continue;
            }

            var shown = parameter.IsSecret ? SecretMasker.Mask : string.Join(' ', values);
            problems.Add(values.Count == 0
                ? $"Parameter --{parameter.CliName} (from {source}) needs {expected}."
                : $"Invalid value '{shown}' for parameter --{parameter.CliName} (from {source}): expected {expected}.");
        }

        return resolved;
    }

    private static (List<string>? Values, string Source) Find(
        ParameterDescriptor parameter,
        Dictionary<ParameterDescriptor, List<string>> given,
        IReadOnlyDictionary<string, string> environment,
        IReadOnlyList<ParameterFile> files)
    {
        if (given.TryGetValue(parameter, out var fromCommandLine))
        {
            return (fromCommandLine, ResolvedParameter.CommandLine);
        }

        var name = parameter.EnvironmentVariable;
        if (environment.TryGetValue(name, out var text) && text.Length > 0)
        {
            var values = parameter.ValueType.IsArray
                ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList()
                : [text];
            return (values, $"environment variable {name}");
        }

        // Files are ordered most specific first (the profile's, then the shared one).
        foreach (var file in files)
        {
            if (file.Values.TryGetValue(parameter.Normalized, out var entry))
            {
                return (entry.Values, file.Path);
            }
        }

        return (null, "");
    }

    /// <summary>Sets the values on the build: fields and settable properties directly; every value also goes to the store components read.</summary>
    public static void Inject(object build, IReadOnlyList<ParameterDescriptor> parameters, IReadOnlyDictionary<string, object?> values)
    {
        foreach (var parameter in parameters)
        {
            if (!values.TryGetValue(parameter.MemberName, out var value))
            {
                continue;
            }

            switch (parameter.Member)
            {
                case FieldInfo field:
                    field.SetValue(build, value);
                    break;
                case PropertyInfo { SetMethod: not null } property when !property.DeclaringType!.IsInterface:
                    property.SetValue(build, value);
                    break;
                case PropertyInfo property when !property.DeclaringType!.IsInterface:
                    // A get-only auto-property: set its backing field.
                    property.DeclaringType.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic)?.SetValue(build, value);
                    break;
            }
        }
    }
}
