using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Deploy.Kubernetes.Manifests;

/// <summary>
/// A YAML node as the JSON kubectl would send for it. kubectl reads manifests with sigs.k8s.io/yaml, which resolves
/// plain scalars with go-yaml v2's YAML 1.1 rules: <c>yes</c>, <c>on</c>, <c>y</c> are booleans, <c>0x1F</c> and
/// <c>0755</c> are integers, timestamps stay strings, keys become strings. Quoted and block scalars are strings,
/// and an explicit tag (<c>!!str</c>, <c>!!int</c>) wins, so a manifest means here what it means to kubectl.
/// </summary>
internal static partial class YamlToJson
{
    private static readonly HashSet<string> True = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> False = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];
    private static readonly HashSet<string> Null = ["", "~", "null", "Null", "NULL"];

    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => Map(map),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, "this kind of YAML node has no JSON form"),
    };

    private static JsonObject Map(YamlMappingNode map)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode scalarKey)
            {
                throw new YamlException(key.Start, key.End, "a mapping key must be a plain value, not a list or mapping");
            }

            // sigs.k8s.io/yaml turns every key into a string: 1 becomes "1", true becomes "true".
            var name = Scalar(scalarKey) switch
            {
                null => "null",
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
                JsonValue v => v.TryGetValue<string>(out var s) ? s : v.ToJsonString(),
            };
            if (result.ContainsKey(name))
            {
                throw new YamlException(key.Start, key.End, $"the key \"{name}\" appears twice in one mapping");
            }

            result[name] = Convert(value);
        }

        return result;
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
        if (tag is null && scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        switch (tag)
        {
            case "tag:yaml.org,2002:str":
                return JsonValue.Create(text);
            case "tag:yaml.org,2002:null":
                return null;
            case "tag:yaml.org,2002:bool":
                return True.Contains(text) ? JsonValue.Create(true) : False.Contains(text) ? JsonValue.Create(false)
                    : throw new YamlException(scalar.Start, scalar.End, $"\"{text}\" is tagged !!bool but is not a boolean");
            case "tag:yaml.org,2002:int":
                return Integer(text) ?? throw new YamlException(scalar.Start, scalar.End, $"\"{text}\" is tagged !!int but is not an integer");
            case "tag:yaml.org,2002:float":
                return Float(text, scalar) ?? Integer(text) ?? throw new YamlException(scalar.Start, scalar.End, $"\"{text}\" is tagged !!float but is not a number");
            case null:
                break;
            default:
                // Other tags (!!timestamp, !!binary, custom ones) keep the text, as kubectl's JSON conversion does.
                return JsonValue.Create(text);
        }

        if (Null.Contains(text))
        {
            return null;
        }

        if (True.Contains(text))
        {
            return JsonValue.Create(true);
        }

        if (False.Contains(text))
        {
            return JsonValue.Create(false);
        }

        return Integer(text) ?? Float(text, scalar) ?? JsonValue.Create(text);
    }

    private static JsonValue? Integer(string text)
    {
        // go-yaml v2: underscores are dropped, then strconv.ParseInt(s, 0, 64): 0x hex, 0o and leading-0 octal, 0b binary.
        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (!IntegerSyntax().IsMatch(plain))
        {
            return null;
        }

        var negative = plain.StartsWith('-');
        var digits = plain.TrimStart('+', '-');
        var (radix, body) = digits switch
        {
            _ when digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (16, digits[2..]),
            _ when digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase) => (2, digits[2..]),
            _ when digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase) => (8, digits[2..]),
            _ when digits.Length > 1 && digits[0] == '0' => (8, digits[1..]),
            _ => (10, digits),
        };
        try
        {
            var magnitude = System.Convert.ToUInt64(body, radix);
            if (negative ? magnitude > 9223372036854775808UL : magnitude > long.MaxValue)
            {
                return null;
            }

            return JsonValue.Create(negative ? (long)(0 - magnitude) : (long)magnitude);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    private static JsonValue? Float(string text, YamlScalarNode scalar)
    {
        if (text is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN")
        {
            throw new YamlException(scalar.Start, scalar.End, $"\"{text}\" is a YAML number that JSON cannot hold: quote it if it is meant as text");
        }

        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        return FloatSyntax().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? JsonValue.Create(value)
            : null;
    }

    [GeneratedRegex("^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$")]
    private static partial Regex IntegerSyntax();

    // go-yaml v2's yamlStyleFloat.
    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatSyntax();
}
