using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deploy.GitHub.Webhooks;

/// <summary>What a <c>push</c> delivery says, validated: the repository, the branch and the commit it now points at.</summary>
internal sealed partial record PushEvent(string Repository, string? CloneUrl, string Branch, string Commit, DateTimeOffset? Timestamp, bool Deleted)
{
    /// <summary>Reads a push payload; null with <paramref name="problem"/> when it is not one.</summary>
    public static PushEvent? Parse(ReadOnlySpan<byte> body, out string? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var reference = Text(root, "ref");
            var after = Text(root, "after");
            var repository = root.TryGetProperty("repository", out var repo) && repo.ValueKind == JsonValueKind.Object ? repo : default;
            var name = repository.ValueKind == JsonValueKind.Object ? Text(repository, "full_name") : null;
            var cloneUrl = repository.ValueKind == JsonValueKind.Object ? Text(repository, "clone_url") : null;
            if (reference is null || after is null || name is null || !Sha().IsMatch(after))
            {
                problem = "the push payload lacks ref, after (a 40-digit commit SHA) or repository.full_name";
                return null;
            }

            if (cloneUrl is not null && !(Uri.TryCreate(cloneUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            {
                problem = $"repository.clone_url '{cloneUrl}' is not an http(s) URL";
                return null;
            }

            DateTimeOffset? timestamp = root.TryGetProperty("head_commit", out var head) && head.ValueKind == JsonValueKind.Object
                && Text(head, "timestamp") is { } stamp && DateTimeOffset.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed)
                ? parsed
                : null;
            var deleted = root.TryGetProperty("deleted", out var flag) && flag.ValueKind == JsonValueKind.True || after.All(c => c == '0');
            var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : "";
            return new PushEvent(name, cloneUrl, branch, after, timestamp, deleted);
        }
        catch (JsonException exception)
        {
            problem = $"the body is not JSON ({exception.Message})";
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex Sha();
}
