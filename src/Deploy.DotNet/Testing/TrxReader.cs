using System.Globalization;
using System.Xml.Linq;

namespace Deploy.DotNet.Testing;

/// <summary>
/// Reads the TRX files <c>dotnet test --logger trx</c> writes: the counters of each run and the failed results
/// with their messages (schema: http://microsoft.com/schemas/VisualStudio/TeamTest/2010).
/// </summary>
internal static class TrxReader
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private static readonly string[] FailedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    /// <summary>Adds up every TRX file in the directory (one per test project).</summary>
    public static TestSummary ReadDirectory(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.trx").Order(StringComparer.Ordinal).Select(f => Read(XDocument.Load(f))).Aggregate(TestSummary.Empty, (all, one) => all.Add(one))
            : TestSummary.Empty;

    public static TestSummary Read(XDocument trx)
    {
        ArgumentNullException.ThrowIfNull(trx);
        var counters = trx.Descendants(Trx + "ResultSummary").Elements(Trx + "Counters").FirstOrDefault();
        int Count(string name) => int.TryParse((string?)counters?.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

        var failures = trx.Descendants(Trx + "UnitTestResult")
            .Where(r => FailedOutcomes.Contains((string?)r.Attribute("outcome")))
            .Select(r => new FailedTest(
                (string?)r.Attribute("testName") ?? "(unnamed test)",
                Message(r.Element(Trx + "Output")?.Element(Trx + "ErrorInfo"))))
            .ToList();

        return new TestSummary(
            Passed: Count("passed"),
            Failed: Math.Max(Count("failed") + Count("error") + Count("timeout") + Count("aborted"), failures.Count),
            // VSTest leaves skipped tests out of `executed` but counts them in neither `notExecuted` nor anything else.
            Skipped: Math.Max(Count("total") - Count("executed"), Count("notExecuted")),
            Failures: failures);
    }

    private static string Message(XElement? errorInfo)
    {
        var message = errorInfo?.Element(Trx + "Message")?.Value.Trim();
        return string.IsNullOrEmpty(message) ? "(no message)" : message;
    }
}
