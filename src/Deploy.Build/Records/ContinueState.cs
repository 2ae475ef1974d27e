using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Deploy.Build.Records;

/// <summary>
/// What <c>--continue</c> needs from the last run: a fingerprint of its arguments (a hash: secrets given on
/// the command line never reach the disk) and the targets it finished successfully.
/// </summary>
internal static class ContinueState
{
    private const string FileName = "continue.json";

    public static string Fingerprint(IEnumerable<string> arguments)
    {
        var relevant = arguments.Where(a => !Names.Normalize(a.TrimStart('-')).Equals("continue", StringComparison.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', relevant))));
    }

    /// <summary>The targets that succeeded last time, or null when the last run had other arguments (or there was none).</summary>
    public static HashSet<string>? Load(string temporaryDirectory, string fingerprint)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(temporaryDirectory, FileName)));
            var root = document.RootElement;
            return root.GetProperty("arguments").GetString() == fingerprint
                ? root.GetProperty("succeeded").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
                : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public static void Save(string temporaryDirectory, string fingerprint, IEnumerable<string> succeeded)
    {
        using var stream = File.Create(Path.Combine(temporaryDirectory, FileName));
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("arguments", fingerprint);
        json.WriteStartArray("succeeded");
        foreach (var name in succeeded)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
