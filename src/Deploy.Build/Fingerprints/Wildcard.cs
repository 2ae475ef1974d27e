namespace Deploy.Build.Fingerprints;

/// <summary>
/// One name against one segment of a pattern, as git's wildmatch matches with <c>WM_PATHNAME</c>
/// (https://git-scm.com/docs/gitignore#_pattern_format): <c>*</c> any run of characters, <c>?</c> one character,
/// <c>[a-z]</c> / <c>[!a-z]</c> a class, <c>\</c> takes the next character as it is. A name never holds a <c>/</c>.
/// </summary>
internal static class Wildcard
{
    /// <summary>Whether <paramref name="pattern"/> has no wildcard, so it matches only the name it spells.</summary>
    public static bool IsLiteral(string pattern) => pattern.AsSpan().IndexOfAny("*?[\\") < 0;

    public static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, starPattern = -1, starName = -1;
        while (n < name.Length)
        {
            if (p < pattern.Length)
            {
                switch (pattern[p])
                {
                    case '*':
                        while (p < pattern.Length && pattern[p] == '*')
                        {
                            p++;
                        }

                        if (p == pattern.Length)
                        {
                            return true;
                        }

                        starPattern = p;
                        starName = n;
                        continue;
                    case '?':
                        p++;
                        n++;
                        continue;
                    case '[' when Class(pattern, p, name[n]) is { End: > 0 } match:
                        if (match.Matched)
                        {
                            p = match.End;
                            n++;
                            continue;
                        }

                        break;
                    case '\\' when p + 1 < pattern.Length:
                        if (pattern[p + 1] == name[n])
                        {
                            p += 2;
                            n++;
                            continue;
                        }

                        break;
                    default:
                        if (pattern[p] == name[n])
                        {
                            p++;
                            n++;
                            continue;
                        }

                        break;
                }
            }

            // A mismatch: let the last '*' take one more character, or fail when there was none.
            if (starPattern < 0)
            {
                return false;
            }

            p = starPattern;
            n = ++starName;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// The class starting at <paramref name="open"/> (<c>[</c>) against <paramref name="c"/>: whether it matched, and
    /// where the pattern goes on. End 0: the class never closes, so the <c>[</c> is an ordinary character.
    /// </summary>
    private static (bool Matched, int End) Class(ReadOnlySpan<char> pattern, int open, char c)
    {
        var i = open + 1;
        var negated = i < pattern.Length && pattern[i] is '!' or '^';
        if (negated)
        {
            i++;
        }

        var matched = false;
        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            first = false;
            var low = pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            var high = low;
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                i += 2;
                high = pattern[i] == '\\' && i + 1 < pattern.Length ? pattern[++i] : pattern[i];
            }

            matched |= c >= low && c <= high;
            i++;
        }

        return i < pattern.Length ? (matched != negated, i + 1) : (false, 0);
    }
}
