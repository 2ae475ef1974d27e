using System.Globalization;
using System.Text;

namespace Deploy.Testing;

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4), enough to check what a server exposes:
/// samples with their labels and values; comments (HELP, TYPE) and timestamps are skipped.
/// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
/// </summary>
public static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return samples;
    }

    private static PrometheusSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var position = nameEnd;
        if (line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var labelName = line[position..equals].Trim();
                position = equals + 2; // past ="
                var value = new StringBuilder();
                for (; line[position] != '"'; position++)
                {
                    if (line[position] == '\\')
                    {
                        position++;
                        value.Append(line[position] == 'n' ? '\n' : line[position]);
                    }
                    else
                    {
                        value.Append(line[position]);
                    }
                }

                labels[labelName] = value.ToString();
                position++; // past the closing quote
                if (line[position] == ',')
                {
                    position++;
                }
            }

            position++; // past }
        }

        var rest = line[position..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new PrometheusSample(name, labels, ParseValue(rest[0]));
    }

    /// <summary>A sample value as the text format and the HTTP API write it (NaN and ±Inf included).</summary>
    internal static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
