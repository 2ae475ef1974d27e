using System.Text.RegularExpressions;

namespace Deploy.GitHub.Webhooks;

/// <summary>Branch patterns as GitHub's <c>on.push.branches</c> reads them: <c>*</c> within a segment, <c>**</c> across.</summary>
internal static class BranchFilter
{
    public static bool Matches(IReadOnlyList<string> patterns, string branch) =>
        branch.Length > 0 && patterns.Any(p => Regex.IsMatch(branch, "^" + Regex.Escape(p).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1)));
}
