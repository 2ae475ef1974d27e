using System.Globalization;
using System.Text.RegularExpressions;

namespace Deploy.Build.Parameters;

/// <summary>Converts the text a user gave into a parameter's type, or says what form was expected.</summary>
internal static partial class ParameterConverter
{
    public static bool Supports(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type;
        element = Nullable.GetUnderlyingType(element) ?? element;
        return element == typeof(string) || element == typeof(bool) || element == typeof(int) || element == typeof(long)
            || element == typeof(double) || element == typeof(TimeSpan) || element == typeof(Uri) || element.IsEnum;
    }

    /// <summary>Converts; <paramref name="values"/> empty means a flag given without a value.</summary>
    public static bool TryConvert(Type type, IReadOnlyList<string> values, out object? result, out string expected)
    {
        if (type.IsArray)
        {
            var elementType = type.GetElementType()!;
            var array = Array.CreateInstance(elementType, values.Count);
            for (var i = 0; i < values.Count; i++)
            {
                if (!TryConvertOne(elementType, values[i], out var item, out expected))
                {
                    result = null;
                    return false;
                }

                array.SetValue(item, i);
            }

            result = array;
            expected = "";
            return true;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (values.Count == 0)
        {
            expected = target == typeof(bool) ? "" : $"a value ({Expected(target)})";
            result = target == typeof(bool) ? true : null;
            return target == typeof(bool);
        }

        if (values.Count > 1)
        {
            expected = $"one value ({Expected(target)}), not {values.Count}";
            result = null;
            return false;
        }

        return TryConvertOne(target, values[0], out result, out expected);
    }

    private static bool TryConvertOne(Type type, string text, out object? result, out string expected)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        expected = Expected(type);
        result = null;
        var trimmed = text.Trim();
        if (type == typeof(string))
        {
            result = text;
        }
        else if (type == typeof(bool))
        {
            result = trimmed.ToUpperInvariant() switch
            {
                "TRUE" or "YES" or "ON" or "1" => true,
                "FALSE" or "NO" or "OFF" or "0" => false,
                _ => null,
            };
        }
        else if (type == typeof(int) && int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            result = number;
        }
        else if (type == typeof(long) && long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var big))
        {
            result = big;
        }
        else if (type == typeof(double) && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            result = real;
        }
        else if (type == typeof(TimeSpan))
        {
            result = ParseTimeSpan(trimmed);
        }
        else if (type == typeof(Uri) && trimmed.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(trimmed, UriKind.Absolute, out var uri))
        {
            result = uri;
        }
        else if (type.IsEnum)
        {
            result = Enum.GetNames(type).FirstOrDefault(n => Names.Normalize(n) == Names.Normalize(trimmed)) is { } name
                ? Enum.Parse(type, name)
                : null;
        }

        return result is not null;
    }

    /// <summary>"90s", "5m", "1h30m", "250ms", "2d", or "hh:mm:ss".</summary>
    private static TimeSpan? ParseTimeSpan(string text)
    {
        var match = DurationPattern().Match(text);
        if (match.Success && match.Length > 0)
        {
            var total = TimeSpan.Zero;
            foreach (Capture capture in match.Groups["part"].Captures)
            {
                var part = PartPattern().Match(capture.Value);
                var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                total += part.Groups[2].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }

            return total;
        }

        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : null;
    }

    public static string Expected(Type type)
    {
        type = type.IsArray ? type.GetElementType()! : type;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "a whole number such as 4",
            _ when type == typeof(double) => "a number such as 1.5",
            _ when type == typeof(TimeSpan) => "a duration such as 90s, 5m, 1h30m or 00:05:00",
            _ when type == typeof(Uri) => "an absolute URL such as http://127.0.0.1:9091",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant())),
            _ => "text",
        };
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|s|m|h|d))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h|d)$")]
    private static partial Regex PartPattern();
}
