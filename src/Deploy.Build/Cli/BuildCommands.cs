using Deploy.Build.Definition;

namespace Deploy.Build.Cli;

/// <summary>Finds the build's <see cref="IBuildCommand"/>s and takes the one invoked (with its modifiers) off the command line.</summary>
internal static class BuildCommands
{
    public static IReadOnlyList<IBuildCommand> Find(object build, List<string> problems)
    {
        var commands = new List<IBuildCommand>();
        foreach (var (name, property) in BuildModelLoader.FindMembers(build.GetType(), typeof(IBuildCommand)))
        {
            try
            {
                if (property.GetValue(build) is IBuildCommand command)
                {
                    commands.Add(command);
                }
            }
            catch (System.Reflection.TargetInvocationException exception)
            {
                problems.Add($"Command '{name}' could not be created: {exception.InnerException?.Message}");
            }
        }

        return commands;
    }

    /// <summary>
    /// The invoked command, its values and modifiers, removed from <paramref name="line"/>'s parameters; null when
    /// none was invoked. A modifier without its command, or two commands at once, is a problem.
    /// </summary>
    public static (IBuildCommand Command, IReadOnlyList<string> Values, Dictionary<string, IReadOnlyList<string>> Modifiers)? Claim(
        IReadOnlyList<IBuildCommand> commands, CommandLine line, List<string> problems)
    {
        var invoked = commands.Where(c => line.Parameters.Any(p => Names.Normalize(p.Name) == Names.Normalize(c.Name))).ToList();
        if (invoked.Count > 1)
        {
            problems.Add($"{string.Join(" and ", invoked.Select(c => "--" + c.Name))} cannot be given together. Give one of them.");
            return null;
        }

        if (invoked.Count == 0)
        {
            return null;
        }

        var command = invoked[0];
        var values = new List<string>();
        var modifiers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var modifierNames = command.Modifiers.Select(Names.Normalize).ToHashSet(StringComparer.Ordinal);
        foreach (var given in line.Parameters.ToList())
        {
            var normalized = Names.Normalize(given.Name);
            if (normalized == Names.Normalize(command.Name))
            {
                values.AddRange(given.Values);
                line.Parameters.Remove(given);
            }
            else if (modifierNames.Contains(normalized))
            {
                modifiers[normalized] = given.Values;
                line.Parameters.Remove(given);
            }
        }

        if (line.Targets.Count > 0)
        {
            problems.Add($"--{command.Name} runs no targets, but got '{string.Join(' ', line.Targets)}'. Drop the target names.");
        }

        return (command, values, modifiers);
    }
}
