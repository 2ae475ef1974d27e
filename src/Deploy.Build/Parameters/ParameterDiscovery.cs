using System.Reflection;

namespace Deploy.Build.Parameters;

/// <summary>Finds the [Parameter] members of a build: fields and properties of its classes, and properties of its components.</summary>
internal static class ParameterDiscovery
{
    private const BindingFlags DeclaredInstance =
        BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static List<ParameterDescriptor> Find(object build, List<string> problems)
    {
        var members = new List<MemberInfo>();
        foreach (var component in Definition.BuildModelLoader.Components(build.GetType()))
        {
            members.AddRange(component.GetProperties().OrderBy(p => p.MetadataToken));
        }

        var hierarchy = new Stack<Type>();
        for (var type = build.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            hierarchy.Push(type);
        }

        foreach (var type in hierarchy)
        {
            members.AddRange(type.GetMembers(DeclaredInstance).Where(m => m is FieldInfo or PropertyInfo).OrderBy(m => m.MetadataToken));
        }

        var found = new List<ParameterDescriptor>();
        foreach (var member in members)
        {
            if (member.GetCustomAttribute<ParameterAttribute>() is not { } attribute || member.Name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var valueType = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
            if (!ParameterConverter.Supports(valueType))
            {
                problems.Add($"Parameter '{member.Name}' has type {valueType.Name}, which parameters do not support. Use string, bool, int, long, double, TimeSpan, Uri, an enum, or an array of one of them.");
                continue;
            }

            // A private field's "_" prefix is a C# convention, not part of the name (_apiKey → --api-key, API_KEY).
            var name = attribute.Name ?? member.Name.TrimStart('_');
            var descriptor = new ParameterDescriptor
            {
                Member = member,
                ValueType = valueType,
                MemberName = member.Name,
                Name = name,
                CliName = Names.ToKebabCase(name),
                EnvironmentName = Names.ToUpperSnakeCase(name),
                Description = attribute.Description,
                Convention = string.IsNullOrWhiteSpace(attribute.Convention) ? null : attribute.Convention,
                IsSecret = member.GetCustomAttribute<SecretAttribute>() is not null,
                IsFrequent = attribute.Frequent,
                Default = ReadDefault(build, member),
            };

            var clash = found.FirstOrDefault(p => p.Normalized == descriptor.Normalized);
            if (clash is null)
            {
                found.Add(descriptor);
            }
            else if (clash.MemberName != descriptor.MemberName || clash.Member.DeclaringType == descriptor.Member.DeclaringType)
            {
                problems.Add($"Parameters '{clash.Member.DeclaringType?.Name}.{clash.MemberName}' and '{member.DeclaringType?.Name}.{member.Name}' share the name --{descriptor.CliName}. Rename one or set [Parameter(Name = ...)].");
            }
            else
            {
                // A class member re-declaring a component's parameter: the class wins (it is what the build reads).
                found[found.IndexOf(clash)] = descriptor;
            }
        }

        return found;
    }

    private static object? ReadDefault(object build, MemberInfo member)
    {
        try
        {
            return member switch
            {
                FieldInfo field => field.GetValue(build),
                PropertyInfo { GetMethod: not null } property => property.GetValue(build),
                _ => null,
            };
        }
        catch (TargetInvocationException)
        {
            // A getter that only works once values are given has no default to show.
            return null;
        }
    }
}
