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
            members.AddRange(Definition.BuildModelLoader.InDeclarationOrder(component.GetProperties()));
        }

        var hierarchy = new Stack<Type>();
        for (var type = build.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            hierarchy.Push(type);
        }

        foreach (var type in hierarchy)
        {
            members.AddRange(Definition.BuildModelLoader.InDeclarationOrder<MemberInfo>([.. type.GetFields(DeclaredInstance), .. type.GetProperties(DeclaredInstance)]));
        }

        var found = new List<ParameterDescriptor>();
        foreach (var member in members)
        {
            var (attribute, isSecret) = Attributes(member);
            if (attribute is null || member.Name.Contains('.', StringComparison.Ordinal))
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
                IsSecret = isSecret,
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

    /// <summary>
    /// The member's [Parameter] and [Secret], read from its metadata rather than constructed: creating attributes runs
    /// their constructors and setters through reflection, code generated and JIT-compiled at every start.
    /// </summary>
    private static (ParameterAttribute? Parameter, bool IsSecret) Attributes(MemberInfo member)
    {
        ParameterAttribute? parameter = null;
        var isSecret = false;
        foreach (var data in member.GetCustomAttributesData())
        {
            if (data.AttributeType == typeof(SecretAttribute))
            {
                isSecret = true;
            }
            else if (data.AttributeType == typeof(ParameterAttribute))
            {
                parameter = new ParameterAttribute(data.ConstructorArguments is [{ Value: string description }] ? description : null);
                foreach (var named in data.NamedArguments)
                {
                    switch (named.MemberName)
                    {
                        case nameof(ParameterAttribute.Name):
                            parameter.Name = named.TypedValue.Value as string;
                            break;
                        case nameof(ParameterAttribute.Convention):
                            parameter.Convention = named.TypedValue.Value as string;
                            break;
                        case nameof(ParameterAttribute.Frequent):
                            parameter.Frequent = named.TypedValue.Value is true;
                            break;
                    }
                }
            }
        }

        return (parameter, isSecret);
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
