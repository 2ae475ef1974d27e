using System.Text;
using Deploy.Build;

namespace Deploy.DotNet;

/// <summary>Tests failed. The message counts them and lists the failed tests with their messages.</summary>
public sealed class TestsFailedException : DeployException
{
    private const int ListedFailures = 20;
    private const int MessageLines = 6;

    /// <summary>Creates the exception for a run's summary; <paramref name="innerException"/> is the runner's failure.</summary>
    public TestsFailedException(TestSummary summary, Exception? innerException = null)
        : base(Describe(summary), innerException!)
    {
        Summary = summary;
    }

    /// <summary>The run's counts and failures.</summary>
    public TestSummary Summary { get; }

    private static string Describe(TestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder($"{summary}. Failed tests:");
        foreach (var failure in summary.Failures.Take(ListedFailures))
        {
            var lines = failure.Message.ReplaceLineEndings("\n").Trim().Split('\n');
            text.Append("\n  ").Append(failure.Name);
            foreach (var line in lines.Take(MessageLines).Where(l => l.Length > 0))
            {
                text.Append("\n      ").Append(line.TrimEnd());
            }

            if (lines.Length > MessageLines)
            {
                text.Append("\n      …");
            }
        }

        if (summary.Failures.Count > ListedFailures)
        {
            text.Append("\n  … and ").Append(summary.Failures.Count - ListedFailures).Append(" more (see the test results)");
        }

        return text.ToString();
    }
}
