using System.Text;
using System.Text.Json;

namespace Deploy.DotNet.Testing;

/// <summary>
/// Reads <c>go test -json</c> events (https://pkg.go.dev/cmd/test2json): pass, fail and skip per test (subtests
/// included), each failed test's output as its message, and packages that failed without a failed test
/// (a build failure, a panic in TestMain) as failures of their own.
/// </summary>
internal static class GoTestJsonReader
{
    public static GoTestResults Read(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int passed = 0, failed = 0, skipped = 0;
        var output = new Dictionary<(string Package, string Test), StringBuilder>();
        var failures = new List<FailedTest>();
        var packages = new List<GoPackageResult>();
        var packagesWithFailedTests = new HashSet<string>(StringComparer.Ordinal);

        foreach (var line in lines)
        {
            if (Parse(line) is not { } e)
            {
                continue;
            }

            var key = (e.Package, e.Test ?? "");
            switch (e.Action)
            {
                case "output":
                    if (!output.TryGetValue(key, out var text))
                    {
                        output[key] = text = new StringBuilder();
                    }

                    text.Append(e.Output);
                    break;
                case "pass" when e.Test is not null:
                    passed++;
                    break;
                case "skip" when e.Test is not null:
                    skipped++;
                    break;
                case "fail" when e.Test is not null:
                    failed++;
                    packagesWithFailedTests.Add(e.Package);
                    failures.Add(new FailedTest($"{e.Package} {e.Test}", Message(output.GetValueOrDefault(key))));
                    break;
                case "pass" or "skip":
                    packages.Add(new GoPackageResult(e.Package, Passed: true));
                    break;
                case "fail":
                    packages.Add(new GoPackageResult(e.Package, Passed: false));
                    if (!packagesWithFailedTests.Contains(e.Package))
                    {
                        failed++;
                        failures.Add(new FailedTest($"{e.Package} (package)", Message(output.GetValueOrDefault(key))));
                    }

                    break;
            }
        }

        return new GoTestResults(new TestSummary(passed, failed, skipped, failures), packages);
    }

    /// <summary>A test's output without go test's own framing lines.</summary>
    private static string Message(StringBuilder? output)
    {
        var lines = (output?.ToString() ?? "").Split('\n')
            .Where(l => !l.StartsWith("=== ", StringComparison.Ordinal) && !l.TrimStart().StartsWith("--- FAIL", StringComparison.Ordinal)
                && l.Trim() is not ("" or "FAIL" or "PASS"))
            .Select(l => l.Trim());
        var message = string.Join('\n', lines);
        return message.Length == 0 ? "(no output)" : message;
    }

    private static Event? Parse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return Text("Action") is { } action && Text("Package") is { } package ? new Event(action, package, Text("Test"), Text("Output")) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Event(string Action, string Package, string? Test, string? Output);
}
