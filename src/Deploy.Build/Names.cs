using System.Text;

namespace Deploy.Build;

/// <summary>Name matching and spelling shared by targets, parameters and the CLI.</summary>
internal static class Names
{
    /// <summary>"Pushgateway-URL", "pushgateway_url" and "PushgatewayUrl" all become "pushgatewayurl".</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is not ('-' or '_'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>"PushgatewayUrl" → "pushgateway-url"; "GitHubToken" → "git-hub-token"; "SSHKey" → "ssh-key".</summary>
    public static string ToKebabCase(string name) => Split(name, '-', char.ToLowerInvariant);

    /// <summary>"PushgatewayUrl" → "PUSHGATEWAY_URL".</summary>
    public static string ToUpperSnakeCase(string name) => Split(name, '_', char.ToUpperInvariant);

    /// <summary>The candidate closest to <paramref name="name"/>, when it is close enough to be a likely typo.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        var wanted = Normalize(name);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var normalized = Normalize(candidate);
            var distance = normalized.StartsWith(wanted, StringComparison.Ordinal) && wanted.Length >= 3
                ? 1
                : Distance(wanted, normalized);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, wanted.Length / 3) ? best : null;
    }

    private static string Split(string name, char separator, Func<char, char> caseOf)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '-' or '_' or ' ')
            {
                builder.Append(separator);
                continue;
            }

            var startsWord = i > 0 && char.IsUpper(c) &&
                (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
            if (startsWord && builder.Length > 0 && builder[^1] != separator)
            {
                builder.Append(separator);
            }

            builder.Append(caseOf(c));
        }

        return builder.ToString();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
